import { readFileSync } from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { listFiles } from './files.ts';
import { readProject } from './project.ts';

interface LabelXml {
  fullName: string;
  value: string;
}

/** The project's custom labels (every package directory), by API name as written. */
export function readCustomLabels(root: string): Map<string, string> {
  const parser = new XMLParser();
  const labels = new Map<string, string>();
  for (const dir of readProject(root).packageDirs) {
    for (const file of listFiles(dir, (name) => name.endsWith('.labels-meta.xml'))) {
      const doc = parser.parse(readFileSync(file, 'utf8')) as { CustomLabels: { labels?: LabelXml | LabelXml[] } };
      for (const label of ([] as LabelXml[]).concat(doc.CustomLabels.labels ?? []))
        labels.set(label.fullName, String(label.value));
    }
  }
  return labels;
}
