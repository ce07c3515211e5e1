import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DefinitionCheckCache, definitionCheckCache } from '../../../lib/local/stepfunctions/definition-check-cache';
import { temporaryDirectoryForEachTest } from '../../support/temporary-directory';

const DEFINITION = JSON.stringify({ StartAt: 'Done', States: { Done: { Type: 'Succeed' } } });
const OTHER_DEFINITION = JSON.stringify({ StartAt: 'Stop', States: { Stop: { Type: 'Fail' } } });

/** A check that counts its runs and answers with the definition's length. */
function countingCheck() {
  const runs: string[] = [];
  return {
    runs,
    check: (text: string) => () => {
      runs.push(text);
      return { length: text.length };
    },
  };
}

describe('DefinitionCheckCache', () => {
  const directory = temporaryDirectoryForEachTest('definition-checks-');

  it('answers a definition checked by an earlier process from disk, without checking it again', () => {
    // Prepare: a first "process" checks the definition
    const first = countingCheck();
    new DefinitionCheckCache<{ length: number }>(directory()).answer(DEFINITION, first.check(DEFINITION));

    // Act: a second one, with its own memory, asks for the same definition and for another
    const second = countingCheck();
    const restarted = new DefinitionCheckCache<{ length: number }>(directory());
    const again = restarted.answer(DEFINITION, second.check(DEFINITION));
    const other = restarted.answer(OTHER_DEFINITION, second.check(OTHER_DEFINITION));

    // Assess
    expect(again).toEqual({ length: DEFINITION.length });
    expect(other).toEqual({ length: OTHER_DEFINITION.length });
    expect(second.runs).toEqual([OTHER_DEFINITION]);
  });

  it('checks again when the stored answer cannot be read, and stores the new one', () => {
    // Prepare: an answer on disk that was cut short
    new DefinitionCheckCache<{ length: number }>(directory()).answer(DEFINITION, () => ({ length: 1 }));
    const [stored] = readdirSync(directory());
    writeFileSync(join(directory(), stored!), '{"answer": {"len');

    // Act
    const counting = countingCheck();
    const answer = new DefinitionCheckCache<{ length: number }>(directory()).answer(
      DEFINITION,
      counting.check(DEFINITION),
    );
    const afterRepair = new DefinitionCheckCache<{ length: number }>(directory()).answer(DEFINITION, () => ({
      length: -1,
    }));

    // Assess
    expect(answer).toEqual({ length: DEFINITION.length });
    expect(counting.runs).toEqual([DEFINITION]);
    expect(afterRepair).toEqual({ length: DEFINITION.length });
    expect(readdirSync(directory())).toEqual([stored]);
  });

  it('keeps answers in memory when the directory cannot be written', () => {
    // Prepare: the cache directory's place is taken by a file
    const blocked = join(directory(), 'not-a-directory');
    writeFileSync(blocked, '');
    const cache = new DefinitionCheckCache<{ length: number }>(join(blocked, 'checks'));
    const counting = countingCheck();

    // Act
    const answers = [
      cache.answer(DEFINITION, counting.check(DEFINITION)),
      cache.answer(DEFINITION, counting.check(DEFINITION)),
    ];

    // Assess
    expect(answers).toEqual([{ length: DEFINITION.length }, { length: DEFINITION.length }]);
    expect(counting.runs).toEqual([DEFINITION]);
  });

  it("keeps each check's answers under node_modules/.cache, named by the libraries' versions", () => {
    // Act
    const cache = definitionCheckCache<string>('asl-schema', ['asl-validator']);

    // Assess
    expect((cache as unknown as { directory: string }).directory).toMatch(
      /node_modules\/\.cache\/serverless-choreography\/asl-schema-asl-validator@\d+\.\d+\.\d+$/,
    );
  });
});
