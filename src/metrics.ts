import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

/** Prometheus metrics of one process. One registry per instance, so tests never share counters. */
export class Metrics {
  readonly registry = new Registry();
  readonly commands = new Counter({
    name: 'factory_commands_total',
    help: 'Slash commands and button actions handled, by command, platform and outcome',
    labelNames: ['command', 'platform', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly blockAttempts = new Counter({
    name: 'factory_block_attempts_total',
    help: 'Block attempts finished, by runtime and outcome',
    labelNames: ['runtime', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly blockDuration = new Histogram({
    name: 'factory_block_duration_seconds',
    help: 'Duration of block attempts',
    labelNames: ['runtime'] as const,
    buckets: [0.1, 0.5, 1, 5, 15, 60, 300, 900, 1800, 3600],
    registers: [this.registry],
  });
  readonly gateDecisions = new Counter({
    name: 'factory_gate_decisions_total',
    help: 'Gate decisions, by decision and platform',
    labelNames: ['decision', 'platform'] as const,
    registers: [this.registry],
  });
  readonly outboxDeliveries = new Counter({
    name: 'factory_outbox_deliveries_total',
    help: 'Outbox delivery attempts, by platform and outcome',
    labelNames: ['platform', 'outcome'] as const,
    registers: [this.registry],
  });
  readonly escalationSteps = new Counter({
    name: 'factory_escalation_steps_total',
    help: 'Escalation ladder steps sent, by action',
    labelNames: ['action'] as const,
    registers: [this.registry],
  });
  readonly pendingGates = new Gauge({
    name: 'factory_pending_gates',
    help: 'Gates waiting for a person (sampled by the escalation sweep)',
    registers: [this.registry],
  });

  constructor(options: { defaultMetrics?: boolean } = {}) {
    if (options.defaultMetrics) collectDefaultMetrics({ register: this.registry, prefix: 'factory_' });
  }
}
