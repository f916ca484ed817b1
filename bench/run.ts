// npm run bench [-- <name> … ] [--quick] [--key=value …]
// Runs the named benchmarks (all registered ones when none is named), prints a table of
// figures against their targets, and writes bench/results/<name>.json. Exits 1 when a
// benchmark failed to run (a missed target is a finding, not a failure, and exits 0).
import { BENCHMARKS } from "./benchmarks.js";
import { parseArgs, runBenchmarks, select } from "./lib/harness.js";

const args = parseArgs(process.argv.slice(2));
const reports = await runBenchmarks(select(BENCHMARKS, args.names), {
  quick: args.quick,
  flags: args.flags,
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
});
process.exit(reports.some((r) => r.error) ? 1 : 0);
