import { runDemo } from '../../demo/run-demo';
import { parseCommandArguments } from '../arguments';
import type { Command } from '../context';

const HELP = `Usage: modelyard demo

Runs Modelyard end to end on stand-ins that need no account and no server: loopback fakes of
OpenRouter and of two OpenAI-compatible servers, a server that is down, and an in-process GGUF
model generated on the spot (random weights: its text is noise). Shows discovery, the ranking with
every factor's contribution and every rejection, a fallback while a server fails, streamed
answers, the measured figures, and how to point Modelyard at real providers.

Needs @modelyard/testkit and the openrouter, custom and local provider packages installed.

Options:
  -h, --help   show this help`;

export const demoCommand: Command = {
  name: 'demo',
  summary: 'the whole workflow on built-in stand-ins (no account, no server)',
  help: HELP,
  async run(args, io) {
    parseCommandArguments('demo', args, {}, false);
    return runDemo(io);
  },
};
