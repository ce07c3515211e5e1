import { busName, serviceResourceNames, VARIANTS } from '../../contracts';
import type { AppModel } from '../../local/assembly';
import type { StartupHints } from '../../local/startup';

/**
 * The `choreo` commands worth trying on this repository's saga, for the startup report; none
 * when the local cloud runs another app (none of its buses is a saga variant's).
 */
export function sagaHints(model: AppModel, endpointUrl: string): StartupHints[] {
  const variants = VARIANTS.filter((variant) => model.buses.some((bus) => bus.name === busName(variant)));
  const first = variants[0];
  if (!first) return [];
  const variantFlag = first === 'choreography' ? '' : ` --variant ${first}`;
  const local = endpointUrl === 'http://127.0.0.1:4566' ? '--local' : `--endpoint ${endpointUrl}`;
  return [
    {
      title: 'Try the saga',
      lines: [
        `npx choreo publish OrderPlaced --demo 3 ${local}${variantFlag}`,
        `npx choreo order <orderId> ${local}${variantFlag}`,
        `npx choreo dlq list ${local}${variantFlag}`,
        `aws --endpoint-url ${endpointUrl} dynamodb scan --table-name ${serviceResourceNames(first, 'orders').table}`,
      ],
    },
  ];
}
