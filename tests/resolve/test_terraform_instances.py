"""``count`` and ``for_each`` with known instances: each instance is checked.

A security group rule written once over a map of ports is as many rules as
the map has entries; when one of them opens SSH to the internet, a reviewer
expects that instance reported, named, and the others not.
"""

from __future__ import annotations

from srmlint.resolve.terraform import MAX_INSTANCES
from tests.conftest import ScanFiles

RULE = """
resource "aws_security_group_rule" "in" {
  for_each          = FOR_EACH
  type              = "ingress"
  security_group_id = "sg-123"
  from_port         = PORT
  to_port           = PORT
  protocol          = "tcp"
  cidr_blocks       = ["0.0.0.0/0"]
}
"""


def _rule(for_each: str, port: str = "each.value") -> str:
    return RULE.replace("FOR_EACH", for_each).replace("PORT", port)


def _messages(result, rule_id: str) -> list[str]:
    return sorted(f.message for f in result.findings if f.rule_id == rule_id and not f.suppressed)


def test_the_one_instance_of_a_for_each_map_that_opens_ssh_is_reported_by_its_key(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": _rule('{ web = 443, ssh = 22 }')})
    assert _messages(result, "NET002") == [
        "Security group rule in 'in' allows ingress from 0.0.0.0/0 to remote administration port 22 (SSH) "
        '(instance ["ssh"])']


def test_a_for_each_set_binds_each_key_and_value_to_the_element(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": _rule('toset(["443", "3389", "443"])', "tonumber(each.key)")})
    assert [m.rsplit(" (", 1)[-1] for m in _messages(result, "NET002")] == ['instance ["3389"])']


def test_count_index_decides_which_instance_is_unencrypted(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": 'resource "aws_ebs_volume" "v" {\n  count = 3\n  availability_zone = "a"\n'
                                    '  size = 1\n  encrypted = count.index != 1\n}\n'})
    assert _messages(result, "ENC002") == ["EBS volume 'v' has encryption turned off (instance [1])"]


def test_instances_alike_are_reported_once_without_an_instance(scan_files: ScanFiles) -> None:
    result = scan_files({"main.tf": 'resource "aws_ebs_volume" "v" {\n  count = 3\n  availability_zone = "a"\n'
                                    '  size = 1\n  encrypted = false\n}\n'})
    assert _messages(result, "ENC002") == ["EBS volume 'v' has encryption turned off"]
    # a finding every instance has is one finding, even when the instances differ elsewhere
    result = scan_files({"main.tf": 'resource "aws_ebs_volume" "v" {\n  count = 2\n  availability_zone = "a"\n'
                                    '  size = count.index + 1\n  encrypted = false\n}\n'})
    assert _messages(result, "ENC002") == ["EBS volume 'v' has encryption turned off"]


def test_more_instances_than_the_limit_are_one_resource_with_an_unknown_key(scan_files: ScanFiles) -> None:
    ports = ", ".join(f'p{i} = {1000 + i}' for i in range(MAX_INSTANCES)) + ", ssh = 22"
    result = scan_files({"main.tf": _rule("{ " + ports + " }")})
    assert _messages(result, "NET002") == []  # each.value unknown: no guess
    assert not [f for f in result.findings if f.rule_id == "SRM000"]


def test_instances_inside_a_module_call_and_the_block_suppression_holds_for_all(scan_files: ScanFiles) -> None:
    module = _rule("var.ports")
    result = scan_files({
        "main.tf": 'module "a" {\n  source = "./m"\n  ports = { web = 443, ssh = 22 }\n}\n'
                   'module "b" {\n  source = "./m"\n  ports = { rdp = 3389 }\n}\n',
        "m/main.tf": 'variable "ports" {}\n' + module,
    })
    by_call = sorted((f.module_call.address, f.message.rsplit(" (", 1)[-1])
                     for f in result.findings if f.rule_id == "NET002" and f.module_call)
    assert by_call == [("module.a", 'instance ["ssh"])'), ("module.b", "RDP)")]  # one instance: no note
    quiet = scan_files({"m/main.tf": 'variable "ports" {}\n'
                        + module.replace('resource "aws', '# srmlint:ignore NET002 -- lab\nresource "aws')})
    assert [f for f in quiet.findings if f.rule_id == "NET002" and not f.suppressed] == []


def test_a_module_called_with_for_each_is_expanded_per_instance(scan_files: ScanFiles) -> None:
    result = scan_files({
        "main.tf": 'module "m" {\n  for_each = { web = 443, ssh = 22 }\n  source = "./m"\n  port = each.value\n}\n'
                   'module "one" {\n  count = 1\n  source = "./m"\n  port = 3389\n}\n',
        "m/main.tf": 'variable "port" {}\n' + _rule("{ only = 1 }", "var.port"),
    })
    found = sorted((f.resource.address, f.module_call.address) for f in result.findings
                   if f.rule_id == "NET002" and f.module_call)
    assert found == [('module.m["ssh"].aws_security_group_rule.in', "module.m"),
                     ("module.one.aws_security_group_rule.in", "module.one")]  # one instance: no key


def test_a_plan_covers_the_instances_of_a_for_each_module() -> None:
    from srmlint.model import Location, ModuleCall, Resource
    from srmlint.resolve.plan import _Covered

    where = Location("main.tf", 1, 1)
    call = ModuleCall('module.m["ssh"]', "module.m", where, "m")
    resource = Resource("terraform", "aws_security_group_rule", "in", "aws_security_group_rule.in", {}, where,
                        'x#module.m["ssh"]', module=call)
    assert _Covered(addresses={"module.m.aws_security_group_rule.in"}).covers(resource)
    assert not _Covered(addresses={"module.other.aws_security_group_rule.in"}).covers(resource)
