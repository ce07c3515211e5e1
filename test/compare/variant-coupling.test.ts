import { componentOfStack, measureCoupling } from '../../lib/compare/variant-coupling';
import { SERVICE_NAMES } from '../../lib/contracts';
import { readCloudAssembly, type AppModel } from '../../lib/local/assembly';
import { TEST_ASSEMBLY_DIRECTORY } from '../support/test-assembly';

describe('coupling read from the synthesized app', () => {
  let model: AppModel;

  beforeAll(() => {
    model = readCloudAssembly(TEST_ASSEMBLY_DIRECTORY, { region: 'us-east-1', endpointUrl: 'http://127.0.0.1:4566' });
  });

  it('finds that each choreographed service names only the bus, and declares its own rules', () => {
    // Act
    const coupling = measureCoupling(model, 'choreography');

    // Assess
    const services = coupling.components.filter((component) =>
      (SERVICE_NAMES as readonly string[]).includes(component.component),
    );
    expect(services.map((service) => service.component).sort()).toEqual([...SERVICE_NAMES].sort());
    for (const service of services) {
      expect({ service: service.component, knows: service.knows }).toEqual({
        service: service.component,
        knows: ['bus'],
      });
      expect(service.rules.length).toBeGreaterThan(0);
    }
    expect(
      coupling.components
        .find((component) => component.component === 'orders')
        ?.rules.flatMap((rule) => rule.detailTypes)
        .sort(),
    ).toEqual(['OrderPlaced', 'OrderStalled', 'ShipmentScheduled', 'StockReleased', 'StockReservationFailed']);
  });

  it('finds that the workflow names every task function and the bus, and the task functions name nothing else', () => {
    // Act
    const coupling = measureCoupling(model, 'orchestration');

    // Assess
    const workflow = coupling.components.find((component) => component.component === 'workflow');
    expect(workflow?.knows).toEqual(['bus', ...[...SERVICE_NAMES].sort()]);
    expect(workflow?.referencedResources).toEqual(
      expect.arrayContaining(
        SERVICE_NAMES.map((service) => `arn:aws:lambda:us-east-1:000000000000:function:shop-orchestration-${service}`),
      ),
    );
    expect(workflow?.grants.some((grant) => grant.actions.includes('lambda:InvokeFunction'))).toBe(true);
    for (const service of SERVICE_NAMES) {
      const task = coupling.components.find((component) => component.component === service);
      expect({ service, knows: task?.knows, rules: task?.rules.length }).toEqual({ service, knows: [], rules: 0 });
    }
    expect(coupling.totals.componentReferences).toBe(6);
  });

  it('names a component after its stack, with or without a stage', () => {
    expect(componentOfStack('Choreography-Orders', 'choreography')).toBe('orders');
    expect(componentOfStack('dev-Orchestration-Workflow', 'orchestration')).toBe('workflow');
    expect(componentOfStack('Orchestration-Orders', 'choreography')).toBeUndefined();
  });
});
