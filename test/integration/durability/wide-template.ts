import { validateTemplate } from '../../../src/engine/validate-template';
import type { Template } from '../../../src/schema/template';

/**
 * A template made for contention: `width` independent simulate blocks, all ready at once, and one
 * join that reads every one of them. Validated like any template file, so the run is a real one.
 */
export function wideTemplate(width: number, duration: string): Template {
  const leaves = Array.from({ length: width }, (_, i) => {
    const id = `leaf-${String(i + 1).padStart(2, '0')}`;
    return {
      id,
      name: `Leaf ${i + 1}`,
      type: 'build',
      runtime: 'simulate',
      simulate: { duration },
      outputs: { artifacts: [{ key: 'part', format: 'md' }] },
    };
  });
  const join = {
    id: 'join',
    name: 'Join',
    type: 'orchestrate',
    runtime: 'simulate',
    simulate: { duration },
    inputs: { depends: leaves.map((l) => ({ block: l.id, key: 'part' })) },
    outputs: { artifacts: [{ key: 'whole', format: 'md' }] },
  };
  const result = validateTemplate({ id: 'wide-rehearsal', name: 'Wide rehearsal', blocks: [...leaves, join] });
  if (!result.ok) throw new Error(`the wide template is invalid: ${JSON.stringify(result.issues)}`);
  return result.template;
}
