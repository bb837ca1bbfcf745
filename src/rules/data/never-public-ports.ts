/**
 * Ports of services that must never face the internet: published on all addresses they are
 * an error for published-on-all-interfaces (IPT202), other ports only a warning. Matched
 * against the container port and the host port, any protocol. Sources: the services' own
 * security guides (each entry), docker-firewall.md §4 pitfall 4.
 */
export interface NeverPublicPort {
  readonly port: number;
  readonly service: string;
}

export const NEVER_PUBLIC_PORTS: readonly NeverPublicPort[] = [
  // Docker Engine API without TLS: root on the host for whoever connects.
  { port: 2375, service: "the Docker API" },
  // Docker Engine API with TLS: still the whole host if a client certificate leaks.
  { port: 2376, service: "the Docker API (TLS)" },
  // MySQL / MariaDB: password brute force, unauthenticated CVEs.
  { port: 3306, service: "MySQL" },
  // PostgreSQL: same; its docs tell to keep listen_addresses narrow.
  { port: 5432, service: "PostgreSQL" },
  // Microsoft SQL Server: a standard target of password spraying.
  { port: 1433, service: "SQL Server" },
  // Oracle Database listener.
  { port: 1521, service: "Oracle Database" },
  // MongoDB: the ransomed "open MongoDB" databases of 2017 were exactly this.
  { port: 27017, service: "MongoDB" },
  // Redis: no authentication by default; CONFIG SET gives code execution.
  { port: 6379, service: "Redis" },
  // Elasticsearch / OpenSearch HTTP API: no authentication in many images.
  { port: 9200, service: "Elasticsearch" },
  // CouchDB: admin party and remote code execution CVEs.
  { port: 5984, service: "CouchDB" },
  // memcached: no authentication, and the UDP amplification attacks of 2018.
  { port: 11211, service: "memcached" },
  // RabbitMQ AMQP.
  { port: 5672, service: "RabbitMQ" },
  // RabbitMQ management UI (admin UI, guest/guest in old images).
  { port: 15672, service: "the RabbitMQ management UI" },
  // Apache Kafka broker: no authentication by default.
  { port: 9092, service: "Kafka" },
  // NATS client port.
  { port: 4222, service: "NATS" },
  // MQTT (Mosquitto and friends) without TLS.
  { port: 1883, service: "MQTT" },
  // etcd client API: the cluster's whole state.
  { port: 2379, service: "etcd" },
  // ZooKeeper client port.
  { port: 2181, service: "ZooKeeper" },
  // Kibana, an admin UI over Elasticsearch.
  { port: 5601, service: "Kibana" },
  // Portainer's HTTPS UI, an admin UI over the Docker API (its 9000 is too common to judge).
  { port: 9443, service: "Portainer" },
];

/** The never-public service a port or port range ("8000:8010", "8000-8010") includes, if any. */
export function neverPublicService(port: string | undefined): NeverPublicPort | undefined {
  if (port === undefined) return undefined;
  const [low, high = low] = port.split(/[:-]/).map(Number) as [number, number?];
  return NEVER_PUBLIC_PORTS.find((p) => p.port >= low && p.port <= (high ?? low));
}
