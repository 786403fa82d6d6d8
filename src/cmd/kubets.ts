#!/usr/bin/env node
// kubets: the single entry point. Subcommands parse their flags, build the parts and start them.
import { GIT_VERSION } from '../version.js';
import { serverCommand } from './server.js';
import { controllerManagerCommand } from './controller-manager.js';

const USAGE = `kubets — Kubernetes, written in TypeScript

Usage:
  kubets version            print the version
  kubets server [flags]     run the control plane (API server)
  kubets controller-manager [flags]  run the controllers (kube-controller-manager)

Run 'kubets <command> --help' for a command's flags.`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'version':
    case '--version':
      console.log(GIT_VERSION);
      return 0;
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      console.log(USAGE);
      return 0;
    case 'server':
      return serverCommand(rest);
    case 'controller-manager':
      return controllerManagerCommand(rest);
    default:
      process.stderr.write(`Error: unknown command "${command}" for "kubets"; run 'kubets help' for the list\n`);
      return 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`Error: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  },
);
