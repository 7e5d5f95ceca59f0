/** One sample of a Prometheus text exposition. */
export interface ParsedSample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** A parsed exposition: samples, and the `# TYPE` of each metric family. */
export interface ParsedExposition {
  samples: ParsedSample[];
  types: Record<string, string>;
}

const SAMPLE_LINE = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (\S+)$/;
const LABEL = /([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g;

/** Parses the Prometheus text format (0.0.4) the way a scraper would; throws on a malformed line. */
export function parsePrometheusText(text: string): ParsedExposition {
  const samples: ParsedSample[] = [];
  const types: Record<string, string> = {};
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('# HELP')) continue;
    if (line.startsWith('# TYPE')) {
      const [, , name, type] = line.split(' ');
      types[name as string] = type as string;
      continue;
    }
    const match = SAMPLE_LINE.exec(line);
    if (match === null) throw new Error(`malformed exposition line: ${line}`);
    const labels: Record<string, string> = {};
    for (const label of (match[2] ?? '').matchAll(LABEL)) {
      labels[label[1] as string] = (label[2] as string).replace(/\\(.)/g, (_escape, character: string) =>
        character === 'n' ? '\n' : character,
      );
    }
    samples.push({ name: match[1] as string, labels, value: Number(match[3]) });
  }
  return { samples, types };
}

/** The value of the one sample named `name` whose labels include `labels`; throws when not exactly one. */
export function sampleValue(exposition: ParsedExposition, name: string, labels: Record<string, string> = {}): number {
  const found = exposition.samples.filter(
    (sample) => sample.name === name && Object.entries(labels).every(([key, value]) => sample.labels[key] === value),
  );
  if (found.length !== 1) throw new Error(`${found.length} samples of ${name} ${JSON.stringify(labels)}`);
  return (found[0] as ParsedSample).value;
}
