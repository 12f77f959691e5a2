"""Normalized facts about AWS resources, the same whatever the template format.

A value the template does not state statically stays an
:class:`~srmlint.model.Unknown` inside a fact; rules decide on what is known
and never guess about the rest.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal, TypeAlias

from srmlint.facts import Fact
from srmlint.model import Unknown

EncryptionState: TypeAlias = Literal["unset", "disabled", "aws_managed_key", "customer_key", "unknown"]


@dataclass(frozen=True, slots=True)
class EncryptionAtRest(Fact):
    """How data at rest is encrypted.

    ``unset``: the template says nothing (AWS's default applies);
    ``disabled``: explicitly off; ``aws_managed_key``: encrypted with a key
    AWS owns or manages (SSE-S3, ``aws/ebs``...); ``customer_key``: a
    customer-managed KMS key; ``unknown``: not statically known.
    """

    state: EncryptionState
    key: Any = None
    algorithm: Any = None


@dataclass(frozen=True, slots=True)
class IngressRule(Fact):
    """One source of one inbound security-group rule.

    ``protocol`` is normalised: ``"-1"`` for all protocols, ``"tcp"``,
    ``"udp"``, ``"icmp"``, ``"icmpv6"`` or the number as text. Ports are
    ``None`` when the protocol carries none (all traffic). ``source`` is a
    CIDR (IPv4 or IPv6), a security group, or a prefix list; ``source_kind``
    says which.
    """

    source_kind: Literal["cidr", "security_group", "prefix_list", "self"]
    cidr: str | Unknown | None
    protocol: str | Unknown
    from_port: int | Unknown | None
    to_port: int | Unknown | None
    security_group: str | None = None


PolicyKind: TypeAlias = Literal["identity", "resource", "trust"]
Principals: TypeAlias = "dict[str, tuple[str | Unknown, ...]] | str | Unknown | None"


@dataclass(frozen=True, slots=True)
class PolicyStatement(Fact):
    """One statement of an IAM policy document, wherever it was written.

    List fields are tuples of strings (``Unknown`` items where not static), or
    ``None`` when the statement does not have that element; a whole element
    that is not static is a single ``Unknown``. ``kind`` says what the policy
    governs: an identity's permissions, a resource's policy, or a role's trust.
    ``effect`` is ``""`` when the statement has no Effect (AWS rejects it).
    """

    kind: PolicyKind
    effect: str | Unknown
    actions: tuple[str | Unknown, ...] | Unknown | None
    not_actions: tuple[str | Unknown, ...] | Unknown | None
    resources: tuple[str | Unknown, ...] | Unknown | None
    not_resources: tuple[str | Unknown, ...] | Unknown | None
    principals: Any = None
    conditions: Any = None
    sid: str | None = None
    #: ``NotPrincipal`` (same shape as ``principals``): everyone except these.
    not_principals: Any = None


@dataclass(frozen=True, slots=True)
class EgressRule(Fact):
    """One destination of one outbound security-group rule.

    The fields mean what they mean in :class:`IngressRule`, with ``cidr`` /
    ``security_group`` naming where traffic may go instead of where it comes from.
    """

    source_kind: Literal["cidr", "security_group", "prefix_list", "self"]
    cidr: str | Unknown | None
    protocol: str | Unknown
    from_port: int | Unknown | None
    to_port: int | Unknown | None
    security_group: str | None = None


@dataclass(frozen=True, slots=True)
class NetworkAclRule(Fact):
    """One entry of a network ACL (stateless subnet firewall).

    ``protocol`` is normalised as in :class:`IngressRule`; ``action`` is
    ``"allow"`` or ``"deny"`` (lower case) or Unknown; ``cidr`` is the IPv4 or
    IPv6 block the entry matches; ports are ``None`` when not stated.
    """

    egress: bool | Unknown
    action: str | Unknown
    cidr: str | Unknown | None
    protocol: str | Unknown
    from_port: int | Unknown | None
    to_port: int | Unknown | None
    rule_number: int | Unknown | None = None


@dataclass(frozen=True, slots=True)
class PublicAccessBlock(Fact):
    """An S3 Block Public Access configuration (of a bucket or of the account).

    ``present`` is False when no configuration is declared for the bucket (the
    flags are then ``None``: the AWS default for new buckets applies). When a
    configuration exists, a flag it does not state is ``False`` (the API and
    the Terraform provider default each flag to false).
    """

    scope: Literal["bucket", "account", "access_point"]
    present: bool
    block_public_acls: bool | Unknown | None = None
    block_public_policy: bool | Unknown | None = None
    ignore_public_acls: bool | Unknown | None = None
    restrict_public_buckets: bool | Unknown | None = None


ExposureState: TypeAlias = Literal["public", "private", "unset", "unknown"]


@dataclass(frozen=True, slots=True)
class PublicExposure(Fact):
    """A setting by which a resource is reachable by, or shared with, everyone.

    ``kind`` says which setting: ``s3_acl`` (a canned ACL or grant to AllUsers
    / AuthenticatedUsers), ``publicly_accessible`` (a database or broker given a
    public endpoint), ``public_ip`` (an instance, template or subnet that
    assigns public IP addresses), ``eks_endpoint`` (the cluster API endpoint
    is public; ``detail`` lists the CIDRs it admits), ``api_authorization`` (an
    API method or route callable without authorization), ``function_url_auth``
    (a Lambda function URL without IAM auth), ``public_share`` (an AMI or
    snapshot shared with all accounts). ``state``: ``public``, ``private``,
    ``unset`` (the template says nothing: the AWS default applies) or
    ``unknown`` (not statically known). ``detail`` is a short human text
    (the ACL name, the method, the CIDRs).
    """

    kind: str
    state: ExposureState
    detail: str | None = None


LoggingState: TypeAlias = Literal["enabled", "disabled", "unset", "unknown"]


@dataclass(frozen=True, slots=True)
class LoggingSetting(Fact):
    """One logging, audit-trail or monitoring setting of a resource.

    ``kind`` says which setting (the kinds are listed in
    :mod:`srmlint.aws.extractors.logging`): e.g. ``trail_multi_region``,
    ``s3_access_logs``, ``vpc_flow_logs``, ``xray_tracing``. ``state``:
    ``enabled``; ``disabled`` (explicitly off); ``unset`` (the template says
    nothing: AWS's default applies, which for these settings is off unless the
    extractor says otherwise); ``unknown`` (not statically known). ``detail``
    holds what is turned on when a setting has parts (the log types a cluster
    exports), or a marker the rule needs (``log_target`` for a bucket that
    receives other buckets' access logs).
    """

    kind: str
    state: LoggingState
    detail: tuple[str, ...] = ()


# ------------------------------------------------------------ compute (CMP)

ImdsState: TypeAlias = Literal["required", "optional", "unset", "disabled", "unknown"]


@dataclass(frozen=True, slots=True)
class InstanceMetadataOptions(Fact):
    """How an EC2 instance, launch template or launch configuration answers
    the instance metadata service (IMDS).

    ``required``: IMDSv2 session tokens are required; ``optional``: IMDSv1
    requests are answered too; ``unset``: the template says nothing (AWS's
    default applies: IMDSv1 is answered unless the AMI or the account default
    says otherwise); ``disabled``: the metadata endpoint is off; ``unknown``:
    not statically known. ``source`` names the launch template the options
    were read from when an instance inherits them.
    """

    state: ImdsState
    hop_limit: int | Unknown | None = None


@dataclass(frozen=True, slots=True)
class FunctionRuntime(Fact):
    """The managed runtime identifier of a Lambda function (``python3.12``),
    as written; only produced when the template states one."""

    runtime: str | Unknown


@dataclass(frozen=True, slots=True)
class ContainerDefinition(Fact):
    """One container of an ECS task definition (``name`` as written, or
    ``None``) and the host-level privileges it asks for. Each flag is
    ``None`` when unset (ECS's default: false)."""

    name: str | Unknown | None
    privileged: bool | Unknown | None = None
    #: ``readonlyRootFilesystem`` / ``ReadonlyRootFilesystem``.
    readonly_root_fs: bool | Unknown | None = None


@dataclass(frozen=True, slots=True)
class AutomaticUpdates(Fact):
    """Whether AWS applies updates to what runs a managed service:
    ``kind`` ``minor_version`` (database engine minor versions) or
    ``platform`` (Elastic Beanstalk managed platform updates). ``enabled`` is
    ``None`` when unset; ``default`` is what AWS does then."""

    kind: Literal["minor_version", "platform"]
    enabled: bool | Unknown | None
    default: bool


# ------------------------------------------------------ backup (BKP)

@dataclass(frozen=True, slots=True)
class Versioning(Fact):
    """S3 bucket versioning, inline or from a connected
    ``aws_s3_bucket_versioning``. ``state``: ``enabled``, ``suspended``
    (explicitly off), ``unset`` (never enabled: AWS's default, off) or
    ``unknown``. ``mfa_delete`` is ``None`` when unset."""

    state: Literal["enabled", "suspended", "unset", "unknown"]
    mfa_delete: bool | Unknown | None = None


@dataclass(frozen=True, slots=True)
class BackupRetention(Fact):
    """How many days of automated backups (or snapshots) a data store keeps.
    ``days`` is ``None`` when unset; ``default_days`` is what AWS keeps then
    (0: no automated backups at all)."""

    days: int | Unknown | None
    default_days: int


@dataclass(frozen=True, slots=True)
class PointInTimeRecovery(Fact):
    """Continuous backups (point-in-time recovery) of a table; ``enabled`` is
    ``None`` when unset (AWS's default: off)."""

    enabled: bool | Unknown | None


@dataclass(frozen=True, slots=True)
class DeletionProtection(Fact):
    """Whether the API refuses to delete the resource; ``enabled`` is
    ``None`` when unset (AWS's default: off)."""

    enabled: bool | Unknown | None


PrincipalKind: TypeAlias = Literal["user", "group", "role", "permission_set", "function"]


@dataclass(frozen=True, slots=True)
class PolicyAttachment(Fact):
    """A policy granted to an IAM identity (IAM owns identity and access).

    ``principal_kind`` is what receives it: an IAM user, group or role, an IAM
    Identity Center permission set, or a function's execution role (SAM
    ``Policies``). ``policy`` is the managed policy's ARN (or the bare name of
    an AWS managed policy, as SAM allows), ``Unknown`` when not static, and
    ``None`` for an inline policy (``inline`` is then True).
    """

    principal_kind: PrincipalKind
    policy: str | Unknown | None
    inline: bool = False


TransitState: TypeAlias = Literal["enabled", "disabled", "weak", "unset", "unknown"]


@dataclass(frozen=True, slots=True)
class EncryptionInTransit(Fact):
    """How one channel of a resource protects data in transit.

    ``aspect`` names the channel or control: ``listener`` (a load balancer
    listener's protocol), ``viewer`` (CloudFront viewer protocol policy),
    ``https_only`` (an endpoint that refuses plain HTTP), ``tls_policy`` (the
    lowest TLS version a TLS endpoint accepts), ``node_to_node``, ``client``
    (clients to the service), ``in_cluster``, ``require_ssl`` (a database
    parameter). ``state``: ``enabled`` encrypted, ``disabled`` plaintext
    allowed, ``weak`` TLS older than 1.2 accepted, ``unset`` the template
    says nothing (``default_secure`` says whether AWS's default then
    encrypts), ``unknown`` not statically known. ``value`` is what the
    template states (protocol, policy name...).
    """

    aspect: str
    state: TransitState
    value: Any = None
    default_secure: bool = False


@dataclass(frozen=True, slots=True)
class KeyRotation(Fact):
    """Automatic rotation of a customer-managed KMS key. ``enabled`` is the
    stated value (``None`` when unset, ``Unknown`` when not static);
    ``rotatable`` is False for keys KMS cannot rotate (asymmetric, HMAC,
    imported material, custom key stores) and ``Unknown`` when not static."""

    enabled: bool | Unknown | None
    rotatable: bool | Unknown = True


@dataclass(frozen=True, slots=True)
class HttpRequestHandling(Fact):
    """How an Application Load Balancer (or a Classic Load Balancer, for
    ``desync_mode`` only) treats malformed HTTP requests.

    ``drop_invalid_headers``: whether header fields with invalid names are
    removed before requests reach the targets (``None`` when unset: AWS's
    default is false; ``None`` too on a Classic Load Balancer, which has no
    such setting). ``desync_mode``: the HTTP desync mitigation mode, lower
    case (``monitor``, ``defensive``, ``strictest``; ``None`` when unset: AWS's
    default is ``defensive``). Either may be ``Unknown``.
    ``has_header_setting`` is False for load balancers without the setting.
    """

    drop_invalid_headers: bool | Unknown | None
    desync_mode: str | Unknown | None
    has_header_setting: bool = True


@dataclass(frozen=True, slots=True)
class NodeGroupRemoteAccess(Fact):
    """SSH access to the worker nodes of an EKS managed node group.

    ``ssh_key``: the EC2 key pair named for remote access (``None`` when the
    template gives none: no SSH access is set up). ``source_groups``: the
    security groups allowed to reach port 22, as a tuple (empty when none
    are given: EKS then opens port 22 to ``0.0.0.0/0``), or ``Unknown``.
    """

    ssh_key: Any
    source_groups: tuple[Any, ...] | Unknown


@dataclass(frozen=True, slots=True)
class PasswordPolicy(Fact):
    """The account's IAM password policy (``aws_iam_account_password_policy``).

    Each field is the stated value (``None`` when unset: AWS's defaults are
    then a minimum length of 8 and no other requirement), or ``Unknown``.
    """

    minimum_length: int | Unknown | None
    require_lowercase: bool | Unknown | None
    require_uppercase: bool | Unknown | None
    require_numbers: bool | Unknown | None
    require_symbols: bool | Unknown | None
    reuse_prevention: int | Unknown | None
    max_age: int | Unknown | None


@dataclass(frozen=True, slots=True)
class DatabaseIamAuth(Fact):
    """Whether a database (RDS instance or cluster, Neptune cluster) accepts
    IAM database authentication. ``enabled``: the stated flag (``None`` when
    unset: AWS's default is off), or ``Unknown``. ``engine``: the engine as
    written (lower case), ``None`` when unset, or ``Unknown``; IAM
    authentication exists only for MySQL, MariaDB, PostgreSQL, Aurora and Neptune.
    """

    enabled: bool | Unknown | None
    engine: str | Unknown | None


@dataclass(frozen=True, slots=True)
class HardcodedSecret(Fact):
    """A secret written literally into a template: ``kind`` says what it looks
    like (``aws_access_key``, ``aws_secret_key``, ``private_key``, ``password``
    ...), ``where`` names the setting in words (``environment variable
    DB_PASSWORD``, ``user data``). The secret itself is never kept."""

    kind: str
    where: str


@dataclass(frozen=True, slots=True)
class AccessKey(Fact):
    """An IAM access key (``aws_iam_access_key``, ``AWS::IAM::AccessKey``)
    for ``user``: the user's name as far as it is statically known
    (followed to the ``aws_iam_user`` / ``AWS::IAM::User`` it references), or
    ``Unknown``."""

    user: str | Unknown


@dataclass(frozen=True, slots=True)
class ImageRepository(Fact):
    """Image hygiene settings of an ECR repository.

    ``scan_on_push``: basic scanning of each pushed image (``None`` when
    unset: AWS's default is off). ``registry_scanning``: the template also
    configures registry-level scanning (``aws_ecr_registry_scanning_configuration``
    / ``AWS::ECR::RegistryScanningConfiguration``), which may scan this
    repository whatever it says. ``tag_mutability``: ``MUTABLE``,
    ``IMMUTABLE`` (upper case, with any ``_WITH_EXCLUSION`` suffix kept), or
    ``None`` when unset (AWS's default: mutable). Either may be ``Unknown``.
    """

    scan_on_push: bool | Unknown | None
    registry_scanning: bool
    tag_mutability: str | Unknown | None


@dataclass(frozen=True, slots=True)
class HostNamespaces(Fact):
    """Host namespaces an ECS task definition shares with its container
    instance: ``network_mode``, ``pid_mode``, ``ipc_mode`` as written (lower
    case), ``None`` when unset (ECS's defaults: ``bridge`` on EC2 (Linux), no
    shared PID or IPC namespace), or ``Unknown``."""

    network_mode: str | Unknown | None
    pid_mode: str | Unknown | None
    ipc_mode: str | Unknown | None


@dataclass(frozen=True, slots=True)
class WebAclRules(Fact):
    """The rules of a WAF web ACL (classic, regional or v2): ``rules`` is how
    many non-empty rule entries it has (``Unknown`` when a ``dynamic`` block
    or an intrinsic makes that not static); ``default_allow`` whether a
    request no rule matches is allowed (``Unknown`` when not static, ``None``
    when unstated)."""

    rules: int | Unknown
    default_allow: bool | Unknown | None


@dataclass(frozen=True, slots=True)
class Backtrack(Fact):
    """Aurora MySQL backtracking (rewinding the cluster in place to a point in
    time): ``window`` is the target backtrack window in seconds as written,
    ``None`` when unset (AWS's default: off; 0 turns it off too), or
    ``Unknown``. Only emitted for clusters whose engine supports it."""

    window: int | Unknown | None


@dataclass(frozen=True, slots=True)
class LedgerPermissionsMode(Fact):
    """How a QLDB ledger authorizes PartiQL commands: ``mode`` as written,
    upper case: ``ALLOW_ALL`` (any principal allowed ``qldb:SendCommand`` on
    the ledger may run every command on every table) or ``STANDARD`` (each
    command and table needs its own IAM permission); ``None`` when unset
    (both formats require it), or ``Unknown``."""

    mode: str | Unknown | None


@dataclass(frozen=True, slots=True)
class SecretRotation(Fact):
    """The schedule of a Secrets Manager secret's automatic rotation.
    ``interval_days``: the time between rotations in days, from
    ``automatically_after_days`` / ``AutomaticallyAfterDays`` or a
    ``rate(N days|hours|minutes)`` schedule expression; ``None`` when the
    template gives neither (a ``cron(...)`` schedule is kept in ``schedule``
    and its interval not judged), ``Unknown`` when not static."""

    interval_days: float | Unknown | None
    schedule: str | Unknown | None = None


@dataclass(frozen=True, slots=True)
class AccessPointConfinement(Fact):
    """What an EFS access point imposes on the clients that mount through it.
    ``root_path``: the directory exposed as their root (``None`` when unset:
    the file system's root ``/``), or ``Unknown``. ``posix_user``: whether it
    sets the POSIX user and group every request runs as (``False`` when
    unset: each client acts as the user it claims), or ``Unknown``."""

    root_path: str | Unknown | None
    posix_user: bool | Unknown


@dataclass(frozen=True, slots=True)
class TaskRoles(Fact):
    """The IAM roles of an ECS task definition: ``execution_role`` (used by
    the ECS agent to pull images, fetch secrets and write logs) and
    ``task_role`` (whose credentials the containers' code gets), each as
    written: a string, an ``Unknown`` (a reference, comparable by its
    expression), or ``None`` when unset."""

    execution_role: Any
    task_role: Any


@dataclass(frozen=True, slots=True)
class DomainTransferLock(Fact):
    """Whether a domain registered with Route 53 Domains is locked against
    transfer to another registrar: ``enabled`` as stated (``None`` when
    unset: the provider locks it), or ``Unknown``."""

    enabled: bool | Unknown | None


@dataclass(frozen=True, slots=True)
class SecretInRequest(Fact):
    """A secret value of this resource that a Terraform ``http`` data source
    (``source``, its address) puts in its request: ``secret`` names it as
    referenced (``aws_ssm_parameter.db.value``), ``where`` the part of the
    request (``url``, ``request_headers``, ``request_body``). The value is
    never kept."""

    secret: str
    where: str


@dataclass(frozen=True, slots=True)
class RootAccess(Fact):
    """Whether the users of a SageMaker notebook instance get root on the
    instance (they can then change its OS, its packages and what it runs).
    ``enabled`` is the stated value, ``None`` when unset (SageMaker's default:
    enabled), or ``Unknown``."""

    enabled: bool | Unknown | None


@dataclass(frozen=True, slots=True)
class CodeSigning(Fact):
    """Lambda code signing: ``config`` is the code signing configuration a
    function names (an ARN or a reference; ``Unknown`` when not static), or
    ``None`` when it names none (AWS's default: any code package is deployed
    without a signature check). Only produced for functions deployed from a
    .zip package (container images cannot be signed this way)."""

    config: Any


@dataclass(frozen=True, slots=True)
class PlatformVersion(Fact):
    """The version of a managed platform that a resource pins: ``kind`` names
    the platform (``kubernetes`` for an EKS cluster), ``version`` is as written
    (``Unknown`` when not static). Only produced when the template states a
    version (unset: AWS picks its current default)."""

    kind: str
    version: str | Unknown


@dataclass(frozen=True, slots=True)
class VpcPlacement(Fact):
    """Whether a resource runs in a VPC the customer chose (network theme).

    ``in_vpc``: ``True`` when the template places it in subnets (OpenSearch
    ``vpc_options``, SageMaker notebook ``subnet_id``, Redshift cluster
    subnet group), ``False`` when it names
    none (the service then runs outside any customer VPC, or for Redshift in
    the default VPC), ``Unknown`` when not static. ``security_groups``: the
    security groups named with the placement (``()``: none, so the VPC's
    default group applies), ``Unknown``, or ``None`` when not in a VPC."""

    in_vpc: bool | Unknown
    security_groups: tuple[Any, ...] | Unknown | None = None


@dataclass(frozen=True, slots=True)
class NetworkSwitch(Fact):
    """One on/off network control of a resource (network theme), by ``kind``:
    ``waf`` (a CloudFront distribution has a web ACL), ``direct_internet_access``
    (a SageMaker notebook reaches the internet through SageMaker's network),
    ``network_isolation`` (SageMaker model containers make no network calls),
    ``auto_accept`` (a transit gateway or VPC endpoint service accepts
    attachments or connections without review), ``enhanced_vpc_routing``
    (Redshift COPY/UNLOAD traffic stays in the VPC). ``enabled``: as written,
    ``None`` when unset, or ``Unknown``; ``default``: AWS's value when unset;
    ``secure_when``: the value that is secure."""

    kind: str
    enabled: bool | Unknown | None
    default: bool
    secure_when: bool


@dataclass(frozen=True, slots=True)
class WebAclRuleAction(Fact):
    """One rule of a WAF web ACL and whether it says what to do with a match:
    ``has_action`` is ``False`` for a rule with neither an ``action`` (with a
    type) nor an ``override_action``: it blocks nothing."""

    name: Any
    has_action: bool


@dataclass(frozen=True, slots=True)
class WebAclLog4jProtection(Fact):
    """Whether a WAFv2 web ACL blocks Log4Shell (CVE-2021-44228) requests with
    AWS's ``AWSManagedRulesKnownBadInputsRuleSet``: ``blocking``; ``counting``
    (the group or its ``Log4JRCE`` rule only counts); ``excluded`` (``Log4JRCE``
    excluded); ``absent`` (no such group); ``unknown`` (rules not static, or a
    rule group reference whose rules the template does not show)."""

    state: Literal["blocking", "counting", "excluded", "absent", "unknown"]


@dataclass(frozen=True, slots=True)
class LegacyNetworking(Fact):
    """A networking resource AWS has retired or advises against (network
    theme), by ``kind``: ``ec2_classic_security_group`` (DB, ElastiCache and
    Redshift security groups of EC2-Classic) or ``default_vpc`` (the
    template adopts the account's default VPC)."""

    kind: Literal["ec2_classic_security_group", "default_vpc"]


@dataclass(frozen=True, slots=True)
class MonitoringSetting(Fact):
    """Performance telemetry of a resource that the customer turns on and that
    is not an audit log (logging theme, kept apart from :class:`LoggingSetting`
    so the matrix judges it as its own ``monitoring`` setting), by ``kind``:
    ``performance_insights`` and ``enhanced_monitoring`` (RDS instances).
    ``state`` as for :class:`LoggingSetting`; ``detail`` holds the interval of
    enhanced monitoring when one is set."""

    kind: str
    state: LoggingState
    detail: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class IamUserIdentity(Fact):
    """An IAM user: a long-term identity in the account. ``credentials`` names
    the long-term credentials the template gives it (``access key``,
    ``console password``), found through the graph; empty when none are
    declared here."""

    credentials: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ClientOverride(Fact):
    """Whether a resource's own settings bind its clients, or clients may
    replace them with theirs (encryption theme): an Athena workgroup's
    ``enforce_workgroup_configuration`` (``what``: ``result encryption and
    location``). ``enforced`` is the stated value (``None`` when unset,
    ``Unknown`` when not static); ``default`` what AWS applies when unset."""

    what: str
    enforced: bool | Unknown | None
    default: bool = True


@dataclass(frozen=True, slots=True)
class ClientAuthentication(Fact):
    """Whether a data store's endpoint makes clients authenticate before they
    read or write data (encryption theme: ElastiCache Redis OSS/Valkey
    replication groups, whose AUTH token or RBAC user groups require in-transit
    encryption). ``mechanism``: ``token`` (a password, AUTH), ``user_group``
    (RBAC users), ``none`` (the template names neither: any client that
    reaches the port is served), ``unknown`` (not statically known)."""

    mechanism: Literal["token", "user_group", "none", "unknown"]
    engine: str | None = None
