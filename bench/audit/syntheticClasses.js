// 1,000 realistic Apex classes: services, selectors and controllers over PHI and non-PHI objects, with queries, DML,
// loops, maps, try/catch and debug statements, some of them vulnerable.
const OBJECTS = ['Patient__c', 'Encounter__c', 'Account', 'Contact', 'Case'];

function method(i, object) {
  const v = `rows${i}`;
  const sharingSafe = i % 3 === 0 ? ' WITH USER_MODE' : '';
  return `
    public static List<${object}> load${i}(Set<Id> ids, Integer max) {
        List<${object}> ${v} = [SELECT Id, Name, CreatedDate FROM ${object} WHERE Id IN :ids${sharingSafe} ORDER BY CreatedDate DESC LIMIT :max];
        Map<Id, ${object}> byId = new Map<Id, ${object}>(${v});
        for (${object} r : ${v}) {
            if (r.Name != null && r.Name.length() > 3) {
                byId.put(r.Id, r);
            } else {
                System.debug('skipped ' + r.Id);
            }
        }
        try {
            ${i % 4 === 0 ? `update ${v};` : `update as user ${v};`}
        } catch (DmlException e) {
            ${i % 5 === 0 ? `${v}[0].addError(e.getMessage());` : `System.debug(LoggingLevel.ERROR, 'update failed');`}
        }
        ${i % 7 === 0 ? `System.debug(${v});` : `System.debug(${v}.size());`}
        return ${v};
    }`;
}

export function syntheticClass(n) {
  const object = OBJECTS[n % OBJECTS.length];
  const sharing = ['with sharing', 'inherited sharing', 'without sharing', 'with sharing'][n % 4];
  const methods = Array.from({ length: 4 }, (_, i) => method(n * 10 + i, object)).join('\n');
  return `/**
 * Service ${n} for ${object}.
 */
public ${sharing} class Service${String(n).padStart(4, '0')} {
    private static final Integer PAGE = 200;
    public class ServiceException extends Exception {}
${methods}

    public static HttpResponse send(String body) {
        HttpRequest req = new HttpRequest();
        req.setEndpoint(${n % 50 === 0 ? "'http://legacy.example.org/api'" : "'callout:EHR_API/records'"});
        req.setMethod('POST');
        req.setBody(body);
        return new Http().send(req);
    }
}
`;
}
