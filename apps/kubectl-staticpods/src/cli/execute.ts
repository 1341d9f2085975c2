import { EXIT } from '../errors.js';
import { io } from '../io.js';
import { parseOutput, render } from '../output/formats.js';
import type { AnyCommand } from './define.js';

/**
 * Runs a declared command with parsed arguments and flags (from oclif or the fast path) and is
 * the one place output is written: files written first (`<path> <outcome>`), then the result in
 * the format `-o` chose, on stdout; the exit code the command asked for.
 */
export async function execute(
  spec: AnyCommand,
  args: readonly string[],
  flags: Readonly<Record<string, unknown>>,
): Promise<void> {
  // A bad -o fails before any work is done.
  const asked = (flags.output as string | undefined) ?? spec.defaultFormat?.(flags);
  const choice = parseOutput(asked, spec.formats);
  const output = await spec.run({ args, flags, output: choice.name });
  const out = io().stdout;
  for (const file of output.written ?? []) out.write(`${file.path} ${file.outcome}\n`);
  if (output.stream !== undefined && (choice.name === 'json' || choice.name === 'yaml')) {
    const { writeStreamedList } = await import('../output/streamed-list.js');
    await writeStreamedList(choice.name, output.stream, out);
  } else if (output.view !== undefined) {
    out.write(
      render(choice, output.view, {
        noHeaders: flags['no-headers'] === true,
        stream: out,
        cwd: io().cwd,
      }),
    );
  }
  io().exitCode = output.exitCode ?? EXIT.ok;
  // A follow-up (list --watch) runs on after the output; it may set another exit code (130 after Ctrl-C).
  if (output.follow) {
    const noHeaders = flags['no-headers'] === true;
    await output.follow({
      write: (text) => out.write(text),
      render: (view, options) =>
        render(choice, view, { noHeaders: options?.noHeaders ?? noHeaders, stream: out, cwd: io().cwd }),
      noHeaders,
    });
  }
}
