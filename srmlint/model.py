"""The format-neutral model every parser produces and every later stage reads.

Terraform and CloudFormation meet here: after parsing, nothing downstream knows
which reader a resource came from except through ``Resource.format``.

Attribute values are plain Python data (``None``, ``bool``, ``int``, ``float``,
``str``, ``list``, ``dict``) wherever the template states them statically.
Anything that is not static -- a Terraform variable, a function call, a
CloudFormation intrinsic -- is an :class:`Unknown` that keeps the expression it
came from, so a later stage can evaluate it, and a rule can never mistake it
for data.

Terraform nested blocks follow python-hcl2's shape: a block type maps to a list
of bodies (``{"ingress": [{...}, {...}]}``); a labelled nested block nests its
labels as keys (``{"dynamic": [{"ingress": {...}}]}``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal, TypeAlias

Format: TypeAlias = Literal["terraform", "cloudformation"]
#: A path into a resource's attributes: keys of mappings and indexes of lists.
AttrPath: TypeAlias = tuple[str | int, ...]


@dataclass(frozen=True, slots=True)
class Location:
    """A span in a file; lines and columns are 1-based, as editors show them."""

    file: str
    line: int
    end_line: int
    column: int = 1
    end_column: int = 1


@dataclass(frozen=True, slots=True)
class Unknown:
    """A value the template does not state statically.

    ``expr`` is the expression it came from: an :mod:`srmlint.expr` node for
    Terraform, an :class:`Intrinsic` for CloudFormation. ``text`` is the
    source spelling, for messages.
    """

    expr: Any
    text: str = ""

    def __repr__(self) -> str:
        return f"Unknown({self.text or self.expr!r})"


@dataclass(frozen=True, slots=True)
class Intrinsic:
    """A CloudFormation intrinsic function (``Ref``, ``Fn::GetAtt``, ``Fn::If``...).

    ``args`` is the decoded argument, exactly as cfn-lint's decoder gives it
    (``{"Fn::GetAtt": ["A", "Arn"]}`` has name ``Fn::GetAtt`` and args
    ``["A", "Arn"]``); intrinsics nested in it are plain mappings there.
    """

    name: str
    args: Any


@dataclass(frozen=True, slots=True)
class ModuleCall:
    """How a resource declared inside a local Terraform module was reached.

    Kept so a finding can point at the line inside the module *and* name the
    ``module`` block the user wrote: ``path`` is the module path prefixed to
    the resource's address (``module.a`` or ``module.a.module.b``);
    ``address`` and ``location`` are the outermost call, the one in the root
    module that was scanned; ``source_scope`` is the module's own directory
    (where its inline suppressions live).
    """

    path: str
    address: str
    location: Location
    source_scope: str


@dataclass(frozen=True)
class Resource:
    """One resource (or Terraform data source) as declared in a template.

    ``address`` is unique within a scan scope: ``type.name`` (``data.type.name``
    for data sources) for Terraform, the logical id for CloudFormation.
    ``scope`` groups resources that can reference each other: the module
    directory for Terraform, the template file for CloudFormation.
    ``locations`` maps attribute paths to their source spans, so a finding can
    point at the attribute that is wrong, or at the block when it is missing.
    ``meta`` holds what is not resource configuration: CloudFormation's
    ``Metadata``, ``DependsOn``, ``Condition``, ``DeletionPolicy``...
    """

    format: Format
    type: str
    name: str
    address: str
    attributes: Mapping[str, Any]
    location: Location
    scope: str
    mode: Literal["managed", "data"] = "managed"
    locations: Mapping[AttrPath, Location] = field(default_factory=dict, compare=False, repr=False)
    meta: Mapping[str, Any] = field(default_factory=dict, compare=False, repr=False)
    #: Set on resources expanded from a local module call (their ``scope`` is
    #: then one per call, their ``address`` the module-local one).
    module: ModuleCall | None = field(default=None, compare=False, repr=False)

    def __hash__(self) -> int:
        return hash((self.scope, self.address, self.location))

    @property
    def full_address(self) -> str:
        """The address as Terraform names it: ``module.m.type.name`` inside a module."""
        return self.address if self.module is None else f"{self.module.path}.{self.address}"

    def locate(self, *path: str | int) -> Location:
        """The span of the longest prefix of ``path`` that the source states."""
        for end in range(len(path), 0, -1):
            loc = self.locations.get(tuple(path[:end]))
            if loc is not None:
                return loc
        return self.location

    def get(self, *path: str | int, default: Any = None) -> Any:
        """Walk ``path`` through nested mappings and lists; ``default`` if absent."""
        value: Any = self.attributes
        for step in path:
            if isinstance(step, int):
                if not isinstance(value, list) or not -len(value) <= step < len(value):
                    return default
                value = value[step]
            else:
                if not isinstance(value, Mapping) or step not in value:
                    return default
                value = value[step]
        return value


#: How a Terraform address names a definition of each kind (``var.x`` for a variable).
_ADDRESS_PREFIX = {"variable": "var", "local": "local", "module": "module"}

DefinitionKind: TypeAlias = Literal[
    "variable", "local", "output", "module", "provider", "terraform",
    "parameter", "condition", "mapping", "cfn_output", "sam_globals", "plan",
]


@dataclass(frozen=True)
class Definition:
    """A template element that is not a resource: Terraform variables, locals,
    outputs, module calls, providers; CloudFormation parameters, conditions,
    mappings, outputs, and SAM ``Globals`` sections (``sam_globals``, one per
    section: ``Function``, ``Api``...); a Terraform plan's ``plan`` (its
    format and Terraform versions; it marks the file as a plan). Recorded so
    later stages can resolve values through them. ``value`` is the block
    body (or, for a Terraform local, its value).
    """

    kind: DefinitionKind
    name: str
    value: Any
    location: Location
    scope: str
    locations: Mapping[AttrPath, Location] = field(default_factory=dict, compare=False, repr=False)

    def __hash__(self) -> int:
        return hash((self.scope, self.kind, self.name, self.location))

    @property
    def address(self) -> str:
        return f"{_ADDRESS_PREFIX.get(self.kind, self.kind)}.{self.name}"


@dataclass(frozen=True, slots=True)
class Reference:
    """An edge: something in ``source`` refers to ``target``.

    Terraform targets are addresses as written in the reference, cut to the
    referenced object: ``aws_s3_bucket.b`` (attribute ``id``),
    ``data.aws_iam_policy_document.p`` (``json``), ``var.x``, ``local.y``,
    ``module.m`` (``out``). CloudFormation targets are logical ids of
    resources or parameters (``Ref``: attribute ``None``; ``Fn::GetAtt`` and
    ``Fn::Sub`` ``${X.Attr}``: the attribute). ``path`` is where in the
    source's attributes the reference stands.
    """

    source: str
    target: str
    attribute: str | None
    path: AttrPath
    location: Location
    scope: str


@dataclass(frozen=True, slots=True)
class ParseProblem:
    """Why (part of) a file could not be analysed; becomes an SRM000 finding."""

    message: str
    location: Location


@dataclass(frozen=True, slots=True)
class Comment:
    """A source comment that speaks to srmlint (``srmlint:ignore ...``).

    Readers keep only these: the rest of a file's comments are of no use
    downstream, and most files have none of them.
    """

    text: str
    location: Location


#: ``Resource.meta`` key of resources read from a file a tool generated (a
#: Terraform plan): reported on, but never edited by ``--fix``.
GENERATED = "generated"

#: What a comment must contain for a reader to keep it.
COMMENT_MARKER = "srmlint:"


@dataclass(frozen=True)
class ParsedFile:
    """Everything one file contributes. ``format`` is ``None`` when the file
    turned out not to be a template (a YAML file that is not CloudFormation):
    counted, never reported.
    """

    path: str
    format: Format | None
    resources: tuple[Resource, ...] = ()
    definitions: tuple[Definition, ...] = ()
    references: tuple[Reference, ...] = ()
    problems: tuple[ParseProblem, ...] = ()
    comments: tuple[Comment, ...] = ()
