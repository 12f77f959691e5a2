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
    from srmlint.packs.iam.iam009_wildcard_action_specific_resources import WildcardActionSpecificResources
    from srmlint.packs.iam.iam010_write_on_all_resources import WriteOnAllResources
    from srmlint.packs.iam.iam011_secret_read_on_all_resources import SecretReadOnAllResources
    from srmlint.packs.iam.iam012_lambda_service_permission_unscoped import LambdaServicePermissionUnscoped
    from srmlint.packs.iam.iam013_password_min_length import PasswordMinLength
    from srmlint.packs.iam.iam014_database_iam_auth import DatabaseIamAuthDisabled
    from srmlint.packs.iam.iam015_hardcoded_secret import HardcodedSecretInTemplate
    from srmlint.packs.iam.iam016_root_access_key import RootAccessKey
    from srmlint.packs.iam.iam017_password_lowercase import PasswordLowercase
    from srmlint.packs.iam.iam018_password_uppercase import PasswordUppercase
    from srmlint.packs.iam.iam019_password_numbers import PasswordNumbers
    from srmlint.packs.iam.iam020_password_symbols import PasswordSymbols
    from srmlint.packs.iam.iam021_password_reuse import PasswordReuse
    from srmlint.packs.iam.iam022_password_max_age import PasswordMaxAge
    from srmlint.packs.iam.iam023_qldb_allow_all import QldbAllowAll
    from srmlint.packs.iam.iam024_secret_rotation_interval import SecretRotationInterval
    from srmlint.packs.iam.iam025_efs_access_point_root import EfsAccessPointRoot
    from srmlint.packs.iam.iam026_efs_access_point_posix_user import EfsAccessPointPosixUser
    from srmlint.packs.iam.iam027_ecs_shared_task_role import EcsSharedTaskRole
    from srmlint.packs.iam.iam028_domain_transfer_lock import DomainTransferLockDisabled
    from srmlint.packs.iam.iam029_secret_in_http_request import SecretInHttpRequest
    from srmlint.packs.iam.iam030_iam_user import IamUserDefined

    return [
        WildcardActionAllResources(),
        AllowNotActionNotResource(),
        PrivilegeEscalation(),
        TrustAnyone(),
        TrustWholeAccount(),
        AdminManagedPolicy(),
        UserPolicies(),
        StatementWithoutEffect(),
        WildcardActionSpecificResources(),
        WriteOnAllResources(),
        SecretReadOnAllResources(),
        LambdaServicePermissionUnscoped(),
        PasswordMinLength(),
        PasswordLowercase(),
        PasswordUppercase(),
        PasswordNumbers(),
        PasswordSymbols(),
        PasswordReuse(),
        PasswordMaxAge(),
        DatabaseIamAuthDisabled(),
        HardcodedSecretInTemplate(),
        RootAccessKey(),
        QldbAllowAll(),
        SecretRotationInterval(),
        EfsAccessPointRoot(),
        EfsAccessPointPosixUser(),
        EcsSharedTaskRole(),
        DomainTransferLockDisabled(),
        SecretInHttpRequest(),
        IamUserDefined(),
    ]
