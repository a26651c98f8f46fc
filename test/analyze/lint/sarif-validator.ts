/**
 * A minimal offline validator for the part of the SARIF 2.1.0 JSON schema
 * (sarif-schema-2.1.0.json, OASIS) that meshward emits: required properties, closed objects
 * (the schema sets `additionalProperties: false`), enums, minimums, `uri` format for `helpUri`,
 * and the spec constraints between `ruleId` and `ruleIndex` (§3.27.5–§3.27.6).
 * Returns the list of violations as JSON-pointer-ish paths with a reason; empty = valid.
 */
type Json = unknown;

const KEYS: Record<string, readonly string[]> = {
  sarifLog: ['$schema', 'version', 'runs', 'inlineExternalProperties', 'properties'],
  run: ['tool', 'invocations', 'conversion', 'language', 'versionControlProvenance', 'originalUriBaseIds', 'artifacts', 'logicalLocations', 'graphs', 'results', 'automationDetails', 'runAggregates', 'baselineGuid', 'redactionTokens', 'defaultEncoding', 'defaultSourceLanguage', 'newlineSequences', 'columnKind', 'externalPropertyFileReferences', 'threadFlowLocations', 'taxonomies', 'addresses', 'translations', 'policies', 'webRequests', 'webResponses', 'specialLocations', 'properties'],
  tool: ['driver', 'extensions', 'properties'],
  toolComponent: ['guid', 'name', 'organization', 'product', 'productSuite', 'shortDescription', 'fullDescription', 'fullName', 'version', 'semanticVersion', 'dottedQuadFileVersion', 'releaseDateUtc', 'downloadUri', 'informationUri', 'globalMessageStrings', 'notifications', 'rules', 'taxa', 'locations', 'language', 'contents', 'isComprehensive', 'localizedDataSemanticVersion', 'minimumRequiredLocalizedDataSemanticVersion', 'associatedComponent', 'translationMetadata', 'supportedTaxonomies', 'properties'],
  reportingDescriptor: ['id', 'deprecatedIds', 'guid', 'deprecatedGuids', 'name', 'deprecatedNames', 'shortDescription', 'fullDescription', 'messageStrings', 'defaultConfiguration', 'helpUri', 'help', 'relationships', 'properties'],
  reportingConfiguration: ['enabled', 'level', 'rank', 'parameters', 'properties'],
  multiformatMessageString: ['text', 'markdown', 'properties'],
  result: ['ruleId', 'ruleIndex', 'rule', 'kind', 'level', 'message', 'analysisTarget', 'locations', 'guid', 'correlationGuid', 'occurrenceCount', 'partialFingerprints', 'fingerprints', 'stacks', 'codeFlows', 'graphs', 'graphTraversals', 'relatedLocations', 'suppressions', 'baselineState', 'rank', 'attachments', 'hostedViewerUri', 'workItemUris', 'provenance', 'fixes', 'taxa', 'webRequest', 'webResponse', 'properties'],
  message: ['text', 'markdown', 'id', 'arguments', 'properties'],
  location: ['id', 'physicalLocation', 'logicalLocations', 'message', 'annotations', 'relationships', 'properties'],
  physicalLocation: ['address', 'artifactLocation', 'region', 'contextRegion', 'properties'],
  artifactLocation: ['uri', 'uriBaseId', 'index', 'description', 'properties'],
  region: ['startLine', 'startColumn', 'endLine', 'endColumn', 'charOffset', 'charLength', 'byteOffset', 'byteLength', 'snippet', 'message', 'sourceLanguage', 'properties'],
};

const LEVELS = ['none', 'note', 'warning', 'error'];

export function validateSarif(log: Json): string[] {
  const errors: string[] = [];
  const fail = (path: string, why: string): void => {
    errors.push(`${path}: ${why}`);
  };
  const obj = (v: Json, path: string, kind: string, required: string[] = []): Record<string, Json> | undefined => {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      fail(path, `${kind} must be an object`);
      return undefined;
    }
    const o = v as Record<string, Json>;
    for (const k of Object.keys(o)) if (!(KEYS[kind] ?? []).includes(k)) fail(`${path}/${k}`, `not a property of ${kind}`);
    for (const k of required) if (!(k in o)) fail(path, `${kind} requires \`${k}\``);
    if ('properties' in o && (typeof o.properties !== 'object' || o.properties === null || Array.isArray(o.properties))) fail(`${path}/properties`, 'property bag must be an object');
    return o;
  };
  const str = (v: Json, path: string): void => {
    if (typeof v !== 'string') fail(path, 'must be a string');
  };
  const int = (v: Json, path: string, min: number): void => {
    if (typeof v !== 'number' || !Number.isInteger(v) || v < min) fail(path, `must be an integer >= ${min}`);
  };
  const mfms = (v: Json, path: string): void => {
    const o = obj(v, path, 'multiformatMessageString', ['text']);
    if (o) str(o.text, `${path}/text`);
  };

  const root = obj(log, '', 'sarifLog', ['version', 'runs']);
  if (!root) return errors;
  if (root.version !== '2.1.0') fail('/version', 'must be "2.1.0"');
  if ('$schema' in root && (typeof root.$schema !== 'string' || !/^[a-z][a-z0-9+.-]*:/i.test(root.$schema))) fail('/$schema', 'must be an absolute uri');
  if (!Array.isArray(root.runs)) return [...errors, '/runs: must be an array'];
  root.runs.forEach((runV, ri) => {
    const rp = `/runs/${ri}`;
    const run = obj(runV, rp, 'run', ['tool']);
    if (!run) return;
    if ('columnKind' in run && run.columnKind !== 'utf16CodeUnits' && run.columnKind !== 'unicodeCodePoints') fail(`${rp}/columnKind`, 'bad enum');
    const tool = obj(run.tool, `${rp}/tool`, 'tool', ['driver']);
    const driver = tool ? obj(tool.driver, `${rp}/tool/driver`, 'toolComponent', ['name']) : undefined;
    if (driver) str(driver.name, `${rp}/tool/driver/name`);
    const rules = Array.isArray(driver?.rules) ? (driver.rules as Json[]) : [];
    if (driver && 'rules' in driver && !Array.isArray(driver.rules)) fail(`${rp}/tool/driver/rules`, 'must be an array');
    const ids = new Set<string>();
    rules.forEach((rv, i) => {
      const p = `${rp}/tool/driver/rules/${i}`;
      const r = obj(rv, p, 'reportingDescriptor', ['id']);
      if (!r) return;
      str(r.id, `${p}/id`);
      if (typeof r.id === 'string') {
        if (ids.has(r.id)) fail(`${p}/id`, 'duplicate rule id');
        ids.add(r.id);
      }
      if ('name' in r) str(r.name, `${p}/name`);
      if ('shortDescription' in r) mfms(r.shortDescription, `${p}/shortDescription`);
      if ('fullDescription' in r) mfms(r.fullDescription, `${p}/fullDescription`);
      if ('help' in r) mfms(r.help, `${p}/help`);
      if ('helpUri' in r && (typeof r.helpUri !== 'string' || !/^[a-z][a-z0-9+.-]*:/i.test(r.helpUri))) fail(`${p}/helpUri`, 'format uri: must be an absolute uri');
      if ('defaultConfiguration' in r) {
        const c = obj(r.defaultConfiguration, `${p}/defaultConfiguration`, 'reportingConfiguration');
        if (c && 'level' in c && !LEVELS.includes(c.level as string)) fail(`${p}/defaultConfiguration/level`, 'bad enum');
      }
    });
    if ('results' in run && !Array.isArray(run.results)) fail(`${rp}/results`, 'must be an array');
    (Array.isArray(run.results) ? run.results : []).forEach((resV: Json, i: number) => {
      const p = `${rp}/results/${i}`;
      const res = obj(resV, p, 'result', ['message']);
      if (!res) return;
      const m = 'message' in res ? obj(res.message, `${p}/message`, 'message') : undefined;
      if (m && !('text' in m) && !('id' in m)) fail(`${p}/message`, 'message requires `text` or `id`');
      if ('level' in res && !LEVELS.includes(res.level as string)) fail(`${p}/level`, 'bad enum');
      if ('ruleIndex' in res) {
        int(res.ruleIndex, `${p}/ruleIndex`, -1);
        const target = rules[res.ruleIndex as number] as Record<string, Json> | undefined;
        if ((res.ruleIndex as number) >= 0 && target?.id !== res.ruleId) fail(`${p}/ruleIndex`, 'rules[ruleIndex].id must equal ruleId (§3.27.6)');
      }
      if ('locations' in res && !Array.isArray(res.locations)) fail(`${p}/locations`, 'must be an array');
      (Array.isArray(res.locations) ? res.locations : []).forEach((lv: Json, li: number) => {
        const lp = `${p}/locations/${li}`;
        const loc = obj(lv, lp, 'location');
        const phys = loc && 'physicalLocation' in loc ? obj(loc.physicalLocation, `${lp}/physicalLocation`, 'physicalLocation') : undefined;
        if (!phys) return;
        if (!('artifactLocation' in phys) && !('address' in phys)) fail(`${lp}/physicalLocation`, 'requires artifactLocation or address');
        const art = 'artifactLocation' in phys ? obj(phys.artifactLocation, `${lp}/physicalLocation/artifactLocation`, 'artifactLocation') : undefined;
        if (art && 'uri' in art) str(art.uri, `${lp}/physicalLocation/artifactLocation/uri`);
        const reg = 'region' in phys ? obj(phys.region, `${lp}/physicalLocation/region`, 'region') : undefined;
        if (reg) {
          for (const k of ['startLine', 'startColumn', 'endLine', 'endColumn']) if (k in reg) int(reg[k], `${lp}/physicalLocation/region/${k}`, 1);
          if (typeof reg.startLine === 'number' && typeof reg.endLine === 'number' && reg.endLine < reg.startLine) fail(`${lp}/physicalLocation/region`, 'endLine before startLine (§3.30.2)');
        }
      });
    });
  });
  return errors;
}
