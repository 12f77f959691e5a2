"""Identity and access (``IAM``): the customer's on every service, Lambda included."""

from __future__ import annotations

from srmlint.hookspecs import hookimpl
from srmlint.rule import Rule


@hookimpl
def srmlint_rules() -> list[Rule]:
    from srmlint.packs.iam.iam001_wildcard_action_all_resources import WildcardActionAllResources
    from srmlint.packs.iam.iam002_allow_not_action import AllowNotActionNotResource
    from srmlint.packs.iam.iam003_privilege_escalation import PrivilegeEscalation
    from srmlint.packs.iam.iam004_trust_anyone import TrustAnyone
    from srmlint.packs.iam.iam005_trust_whole_account import TrustWholeAccount
    from srmlint.packs.iam.iam006_admin_managed_policy import AdminManagedPolicy
    from srmlint.packs.iam.iam007_user_policies import UserPolicies
    from srmlint.packs.iam.iam008_statement_without_effect import StatementWithoutEffect

    return [
        WildcardActionAllResources(),
        AllowNotActionNotResource(),
        PrivilegeEscalation(),
        TrustAnyone(),
        TrustWholeAccount(),
        AdminManagedPolicy(),
        UserPolicies(),
        StatementWithoutEffect(),
    ]
