# srmlint shim for terraform-aws-modules/security-group/aws (followed: v5.3.0; defaults
# identical in v4.x). Not the module: the variables that decide what the security group
# admits, with the module's defaults, and the rules they produce. The module writes one
# aws_security_group_rule per list entry (count = length(...)); here each list is a dynamic
# block of the security group, which states the same rules. Entries of the "computed_*"
# inputs are not known before apply and are not modelled. Locations are moved to the call.

variable "create" {
  type    = bool
  default = true
}

variable "create_sg" {
  type    = bool
  default = true
}

variable "name" {
  type    = string
  default = null
}

variable "description" {
  type    = string
  default = "Security Group managed by Terraform"
}

variable "vpc_id" {
  type    = string
  default = null
}

variable "ingress_rules" {
  type    = list(string)
  default = []
}

variable "ingress_cidr_blocks" {
  type    = list(string)
  default = []
}

variable "ingress_ipv6_cidr_blocks" {
  type    = list(string)
  default = []
}

variable "ingress_with_cidr_blocks" {
  type    = list(map(string))
  default = []
}

variable "ingress_with_ipv6_cidr_blocks" {
  type    = list(map(string))
  default = []
}

variable "egress_rules" {
  type    = list(string)
  default = []
}

variable "egress_cidr_blocks" {
  type    = list(string)
  default = ["0.0.0.0/0"]
}

variable "egress_ipv6_cidr_blocks" {
  type    = list(string)
  default = ["::/0"]
}

variable "egress_with_cidr_blocks" {
  type    = list(map(string))
  default = []
}

variable "egress_with_ipv6_cidr_blocks" {
  type    = list(map(string))
  default = []
}

variable "tags" {
  type    = map(string)
  default = {}
}

locals {
  # The module's named rules (rules.tf, variable "rules"): [from port, to port, protocol, description].
  rules = {
    "_"                      = ["", "", ""]
    "all-all"                = [-1, -1, "-1", "All protocols"]
    "all-tcp"                = [0, 65535, "tcp", "All TCP ports"]
    "all-udp"                = [0, 65535, "udp", "All UDP ports"]
    "all-icmp"               = [-1, -1, "icmp", "All IPV4 ICMP"]
    "all-ipv6-icmp"          = [-1, -1, 58, "All IPV6 ICMP"]
    "ssh-tcp"                = [22, 22, "tcp", "SSH"]
    "rdp-tcp"                = [3389, 3389, "tcp", "Remote Desktop"]
    "rdp-udp"                = [3389, 3389, "udp", "Remote Desktop"]
    "winrm-http-tcp"         = [5985, 5985, "tcp", "WinRM HTTP"]
    "winrm-https-tcp"        = [5986, 5986, "tcp", "WinRM HTTPS"]
    "http-80-tcp"            = [80, 80, "tcp", "HTTP"]
    "http-8080-tcp"          = [8080, 8080, "tcp", "HTTP"]
    "https-443-tcp"          = [443, 443, "tcp", "HTTPS"]
    "https-8443-tcp"         = [8443, 8443, "tcp", "HTTPS"]
    "dns-udp"                = [53, 53, "udp", "DNS"]
    "dns-tcp"                = [53, 53, "tcp", "DNS"]
    "ntp-udp"                = [123, 123, "udp", "NTP"]
    "smtp-tcp"               = [25, 25, "tcp", "SMTP"]
    "ldap-tcp"               = [389, 389, "tcp", "LDAP"]
    "ldaps-tcp"              = [636, 636, "tcp", "LDAPS"]
    "nfs-tcp"                = [2049, 2049, "tcp", "NFS/EFS"]
    "mysql-tcp"              = [3306, 3306, "tcp", "MySQL/Aurora"]
    "mssql-tcp"              = [1433, 1433, "tcp", "MSSQL Server"]
    "mssql-udp"              = [1434, 1434, "udp", "MSSQL Browser"]
    "oracle-db-tcp"          = [1521, 1521, "tcp", "Oracle"]
    "postgresql-tcp"         = [5432, 5432, "tcp", "PostgreSQL"]
    "redshift-tcp"           = [5439, 5439, "tcp", "Redshift"]
    "redis-tcp"              = [6379, 6379, "tcp", "Redis"]
    "memcached-tcp"          = [11211, 11211, "tcp", "Memcached"]
    "mongodb-27017-tcp"      = [27017, 27017, "tcp", "MongoDB"]
    "mongodb-27018-tcp"      = [27018, 27018, "tcp", "MongoDB shard"]
    "mongodb-27019-tcp"      = [27019, 27019, "tcp", "MongoDB config server"]
    "cassandra-clients-tcp"  = [9042, 9042, "tcp", "Cassandra clients"]
    "elasticsearch-rest-tcp" = [9200, 9200, "tcp", "Elasticsearch REST interface"]
    "elasticsearch-java-tcp" = [9300, 9300, "tcp", "Elasticsearch Java interface"]
    "kibana-tcp"             = [5601, 5601, "tcp", "Kibana Web Interface"]
    "kafka-broker-tcp"       = [9092, 9092, "tcp", "Kafka PLAINTEXT enable broker 0.8.2+"]
    "kafka-broker-tls-tcp"   = [9094, 9094, "tcp", "Kafka TLS enabled broker 0.8.2+"]
    "zookeeper-2181-tcp"     = [2181, 2181, "tcp", "Zookeeper"]
    "etcd-client-tcp"        = [2379, 2379, "tcp", "Etcd Client"]
    "kubernetes-api-tcp"     = [6443, 6443, "tcp", "Kubernetes API Server"]
    "docker-swarm-mngmt-tcp" = [2377, 2377, "tcp", "Docker Swarm cluster management"]
    "rabbitmq-5671-tcp"      = [5671, 5671, "tcp", "RabbitMQ"]
    "rabbitmq-5672-tcp"      = [5672, 5672, "tcp", "RabbitMQ"]
    "rabbitmq-15672-tcp"     = [15672, 15672, "tcp", "RabbitMQ"]
    "grafana-tcp"            = [3000, 3000, "tcp", "Grafana Dashboard"]
    "prometheus-http-tcp"    = [9090, 9090, "tcp", "Prometheus"]
    "vault-tcp"              = [8200, 8200, "tcp", "Vault"]
    "consul-tcp"             = [8300, 8300, "tcp", "Consul server"]
    "consul-webui-http-tcp"  = [8500, 8500, "tcp", "Consul web UI HTTP"]
    "openvpn-udp"            = [1194, 1194, "udp", "OpenVPN"]
    "openvpn-tcp"            = [943, 943, "tcp", "OpenVPN"]
    "openvpn-https-tcp"      = [443, 443, "tcp", "OpenVPN"]
    "ipsec-500-udp"          = [500, 500, "udp", "IPSEC ISAKMP"]
    "ipsec-4500-udp"         = [4500, 4500, "udp", "IPSEC NAT-T"]
    "web-jmx-tcp"            = [1099, 1099, "tcp", "JMX"]
    "squid-proxy-tcp"        = [3128, 3128, "tcp", "Squid default proxy"]
    "splunk-web-tcp"         = [8000, 8000, "tcp", "Splunk Web"]
    "minio-tcp"              = [9000, 9000, "tcp", "MinIO"]
  }
}

resource "aws_security_group" "this" {
  count = var.create && var.create_sg ? 1 : 0

  name        = var.name
  description = var.description
  vpc_id      = var.vpc_id
  tags        = var.tags

  # ingress_rules: named rules from ingress_cidr_blocks and ingress_ipv6_cidr_blocks
  dynamic "ingress" {
    for_each = var.ingress_rules
    content {
      from_port        = local.rules[ingress.value][0]
      to_port          = local.rules[ingress.value][1]
      protocol         = local.rules[ingress.value][2]
      description      = local.rules[ingress.value][3]
      cidr_blocks      = var.ingress_cidr_blocks
      ipv6_cidr_blocks = var.ingress_ipv6_cidr_blocks
    }
  }

  dynamic "ingress" {
    for_each = var.ingress_with_cidr_blocks
    content {
      from_port   = lookup(ingress.value, "from_port", local.rules[lookup(ingress.value, "rule", "_")][0])
      to_port     = lookup(ingress.value, "to_port", local.rules[lookup(ingress.value, "rule", "_")][1])
      protocol    = lookup(ingress.value, "protocol", local.rules[lookup(ingress.value, "rule", "_")][2])
      description = lookup(ingress.value, "description", "Ingress Rule")
      cidr_blocks = split(",", lookup(ingress.value, "cidr_blocks", join(",", var.ingress_cidr_blocks)))
    }
  }

  dynamic "ingress" {
    for_each = var.ingress_with_ipv6_cidr_blocks
    content {
      from_port        = lookup(ingress.value, "from_port", local.rules[lookup(ingress.value, "rule", "_")][0])
      to_port          = lookup(ingress.value, "to_port", local.rules[lookup(ingress.value, "rule", "_")][1])
      protocol         = lookup(ingress.value, "protocol", local.rules[lookup(ingress.value, "rule", "_")][2])
      description      = lookup(ingress.value, "description", "Ingress Rule")
      ipv6_cidr_blocks = split(",", lookup(ingress.value, "ipv6_cidr_blocks", join(",", var.ingress_ipv6_cidr_blocks)))
    }
  }

  dynamic "egress" {
    for_each = var.egress_rules
    content {
      from_port        = local.rules[egress.value][0]
      to_port          = local.rules[egress.value][1]
      protocol         = local.rules[egress.value][2]
      description      = local.rules[egress.value][3]
      cidr_blocks      = var.egress_cidr_blocks
      ipv6_cidr_blocks = var.egress_ipv6_cidr_blocks
    }
  }

  dynamic "egress" {
    for_each = var.egress_with_cidr_blocks
    content {
      from_port   = lookup(egress.value, "from_port", local.rules[lookup(egress.value, "rule", "_")][0])
      to_port     = lookup(egress.value, "to_port", local.rules[lookup(egress.value, "rule", "_")][1])
      protocol    = lookup(egress.value, "protocol", local.rules[lookup(egress.value, "rule", "_")][2])
      description = lookup(egress.value, "description", "Egress Rule")
      cidr_blocks = split(",", lookup(egress.value, "cidr_blocks", join(",", var.egress_cidr_blocks)))
    }
  }

  dynamic "egress" {
    for_each = var.egress_with_ipv6_cidr_blocks
    content {
      from_port        = lookup(egress.value, "from_port", local.rules[lookup(egress.value, "rule", "_")][0])
      to_port          = lookup(egress.value, "to_port", local.rules[lookup(egress.value, "rule", "_")][1])
      protocol         = lookup(egress.value, "protocol", local.rules[lookup(egress.value, "rule", "_")][2])
      description      = lookup(egress.value, "description", "Egress Rule")
      ipv6_cidr_blocks = split(",", lookup(egress.value, "ipv6_cidr_blocks", join(",", var.egress_ipv6_cidr_blocks)))
    }
  }
}

output "security_group_id" {
  value = aws_security_group.this[0].id
}
