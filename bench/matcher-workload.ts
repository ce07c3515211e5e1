import { SeededRandom } from './seeded-random';

/**
 * The deterministic workload of the matcher benchmark: rules of mixed operators over a shop's
 * event types, and ~1 KB events of those types. The same seed always gives the same workload.
 */

const BASE_SOURCES = [
  'shop.orders',
  'shop.inventory',
  'shop.payments',
  'shop.shipping',
  'shop.notifications',
  'shop.storefront',
  'shop.returns',
  'shop.loyalty',
];
const BASE_DETAIL_TYPES = [
  'OrderPlaced',
  'StockReserved',
  'StockReservationFailed',
  'PaymentCompleted',
  'PaymentFailed',
  'ShipmentScheduled',
];

/**
 * The event types of a bus with `ruleCount` rules. A bus grows its rules because more services
 * publish and consume more kinds of events, so the universe of sources and detail types grows
 * with the rules (about one source per 10 rules, as a service publishes a handful of event types
 * that a handful of rules consume, and one detail type per 5 rules), as it does on a real bus;
 * the events of the benchmark are drawn from the same universe.
 */
export interface EventUniverse {
  readonly sources: readonly string[];
  readonly detailTypes: readonly string[];
}

export function eventUniverse(ruleCount: number): EventUniverse {
  const sourceCount = Math.max(BASE_SOURCES.length, Math.round(ruleCount / 10));
  const typeCount = Math.max(BASE_DETAIL_TYPES.length, Math.round(ruleCount / 5));
  const sources = Array.from({ length: sourceCount }, (_, i) => BASE_SOURCES[i] ?? `shop.service${i}`);
  const detailTypes = Array.from({ length: typeCount }, (_, i) => BASE_DETAIL_TYPES[i] ?? `Thing${i}Happened`);
  return { sources, detailTypes };
}
const CURRENCIES = ['EUR', 'USD', 'GBP', 'JPY'];
const CHANNELS = ['web', 'Mobile', 'STORE', 'partner'];
const CITIES = ['Lisbon', 'Porto', 'Berlin', 'Paris', 'New York', 'Osaka'];
const REGIONS = ['eu-west-1', 'us-east-1', 'ap-northeast-1'];
const ACCOUNTS = Array.from({ length: 10 }, (_, i) => `1234567890${String(i).padStart(2, '0')}`);

/** A content filter on the detail, written with one of the comparison operators. */
function detailFilter(random: SeededRandom): Record<string, unknown> {
  switch (random.int(0, 11)) {
    case 0:
      return { data: { total: [{ numeric: ['>', random.int(10, 400)] }] } };
    case 1:
      return { data: { total: [{ numeric: ['>=', random.int(0, 100), '<', random.int(200, 900)] }] } };
    case 2:
      return { data: { customerId: [{ prefix: `cust-${random.int(0, 9)}` }] } };
    case 3:
      return { data: { currency: [{ 'anything-but': [random.pick(CURRENCIES), random.pick(CURRENCIES)] }] } };
    case 4:
      return { data: { coupon: [{ exists: random.chance(0.5) }] } };
    case 5:
      return { data: { address: { city: [{ wildcard: `*${random.pick(['o', 'is', 'in', 'a'])}*` }] } } };
    case 6:
      return { data: { channel: [{ 'equals-ignore-case': random.pick(CHANNELS).toLowerCase() }] } };
    case 7:
      return { data: { email: [{ suffix: random.pick(['.com', '.pt', '.de']) }] } };
    case 8:
      return { data: { clientIp: [{ cidr: random.pick(['10.0.0.0/8', '192.168.0.0/16', '172.16.0.0/12']) }] } };
    case 9:
      return { data: { items: { sku: [`SKU-${random.int(0, 30)}`, `SKU-${random.int(0, 30)}`] } } };
    case 10:
      return { metadata: { schemaVersion: [1, 2] } };
    default:
      return { data: { currency: [random.pick(CURRENCIES)], giftWrap: [true] } };
  }
}

function mergeDeep(target: Record<string, unknown>, extra: Record<string, unknown>): Record<string, unknown> {
  for (const [key, value] of Object.entries(extra)) {
    const existing = target[key];
    if (
      existing &&
      typeof existing === 'object' &&
      !Array.isArray(existing) &&
      typeof value === 'object' &&
      !Array.isArray(value)
    ) {
      mergeDeep(existing as Record<string, unknown>, value as Record<string, unknown>);
    } else {
      target[key] = value;
    }
  }
  return target;
}

function detailWithFilters(random: SeededRandom, count: number): Record<string, unknown> {
  const detail: Record<string, unknown> = {};
  for (let i = 0; i < count; i++) mergeDeep(detail, detailFilter(random));
  return detail;
}

/** `count` rule patterns with a realistic mix: most name their source and detail type. */
export function generateRules(count: number, seed: number): Record<string, unknown>[] {
  const random = new SeededRandom(seed);
  const { sources: SOURCES, detailTypes: DETAIL_TYPES } = eventUniverse(count);
  const rules: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const roll = random.next();
    const source = random.pick(SOURCES);
    const detailType = random.pick(DETAIL_TYPES);
    let rule: Record<string, unknown>;
    // Nearly every real rule names its source and/or detail type; a few filter on another
    // exact field, and a few on nothing exact at all (those are tried on every event).
    if (roll < 0.6) {
      const types = random.chance(0.2) ? [detailType, random.pick(DETAIL_TYPES)] : [detailType];
      rule = { source: [source], 'detail-type': types };
      const filters = random.int(0, 2);
      if (filters > 0) rule['detail'] = detailWithFilters(random, filters);
    } else if (roll < 0.72) {
      rule = { source: [source], detail: detailWithFilters(random, 1) };
    } else if (roll < 0.82) {
      rule = { 'detail-type': [detailType], detail: detailWithFilters(random, random.int(1, 2)) };
    } else if (roll < 0.92) {
      rule = { source: [source], detail: { $or: [detailFilter(random), detailFilter(random)] } };
    } else if (roll < 0.97) {
      rule = random.chance(0.5)
        ? { account: [random.pick(ACCOUNTS)], detail: detailWithFilters(random, 1) }
        : { region: [random.pick(REGIONS)], 'detail-type': [detailType], detail: detailWithFilters(random, 1) };
    } else {
      rule = random.chance(0.5)
        ? { source: [{ prefix: 'shop.' }], detail: { data: { total: [{ numeric: ['>', random.int(500, 990)] }] } } }
        : { 'detail-type': [{ wildcard: '*Failed' }], detail: detailWithFilters(random, 1) };
    }
    rules.push(rule);
  }
  return rules;
}

/** `count` event texts of about 1 KB each, of the event types of a bus with `ruleCount` rules. */
export function generateEvents(count: number, seed: number, ruleCount: number): string[] {
  const random = new SeededRandom(seed);
  const { sources: SOURCES, detailTypes: DETAIL_TYPES } = eventUniverse(ruleCount);
  const events: string[] = [];
  for (let i = 0; i < count; i++) {
    const orderId = `ord-${random.int(100000, 999999)}`;
    const items = Array.from({ length: random.int(1, 4) }, () => ({
      sku: `SKU-${random.int(0, 30)}`,
      quantity: random.int(1, 5),
      unitPrice: random.int(100, 9999) / 100,
    }));
    const data: Record<string, unknown> = {
      orderId,
      customerId: `cust-${random.int(0, 99999)}`,
      email: `customer${random.int(0, 999)}@example${random.pick(['.com', '.pt', '.de', '.org'])}`,
      channel: random.pick(CHANNELS),
      currency: random.pick(CURRENCIES),
      total: random.int(0, 100000) / 100,
      clientIp: random.pick(['10.1.2.3', '192.168.7.20', '172.20.1.1', '8.8.8.8']),
      items,
      address: {
        street: `${random.int(1, 300)} Rua Augusta`,
        city: random.pick(CITIES),
        postcode: `${random.int(1000, 9999)}-${random.int(100, 999)}`,
        country: 'PT',
      },
      giftWrap: random.chance(0.3),
    };
    if (random.chance(0.4)) data['coupon'] = `SAVE${random.int(5, 30)}`;
    const event = {
      version: '0',
      id: `${random.int(10000000, 99999999)}-0000-4000-8000-${random.int(100000000000, 999999999999)}`,
      'detail-type': random.pick(DETAIL_TYPES),
      source: random.pick(SOURCES),
      account: random.pick(ACCOUNTS),
      time: '2026-11-28T12:00:00Z',
      region: random.pick(REGIONS),
      resources: [`arn:aws:events:eu-west-1:123456789012:rule/shop-${random.int(1, 9)}`],
      detail: {
        metadata: {
          eventId: `evt-${random.int(10000000, 99999999)}-${random.int(1000, 9999)}`,
          correlationId: orderId,
          causationId: `evt-${random.int(10000000, 99999999)}`,
          occurredAt: '2026-11-28T11:59:59.123Z',
          schemaVersion: random.int(1, 3),
        },
        data,
      },
    };
    events.push(JSON.stringify(event));
  }
  return events;
}
