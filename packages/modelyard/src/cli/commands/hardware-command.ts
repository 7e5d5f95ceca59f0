import { detectHardware } from '@modelyard/selector';
import { parseCommandArguments } from '../arguments';
import type { Command } from '../context';
import { formatBytes } from '../format';
import { formatPairs, formatTable } from '../table';

const HELP = `Usage: modelyard hardware [--json]

Shows the machine as the selector sees it: OS, CPU (cores, speed, instruction sets), memory and
GPUs with their VRAM. Local models are sized against it. Unknown facts show as "unknown".

Options:
  --json        print the HardwareProfile as JSON
  -h, --help    show this help`;

export const hardwareCommand: Command = {
  name: 'hardware',
  summary: 'show the machine as the selector sees it (CPU, memory, GPUs)',
  help: HELP,
  async run(args, io) {
    const { values } = parseCommandArguments('hardware', args, {}, false);
    const profile = await (io.context.detectHardware ?? (() => detectHardware()))();
    if (values.json === true) {
      io.out.line(JSON.stringify(profile, null, 2));
      return 0;
    }
    const { cpu, memory, os } = profile;
    const cores = `${cpu.logicalCores} logical core${cpu.logicalCores === 1 ? '' : 's'}${cpu.physicalCores === null ? '' : ` (${cpu.physicalCores} physical)`}`;
    const flags = cpu.flags.filter((flag) => /^(avx|avx2|avx512f|avx512_vnni|f16c|fma|neon|sse4_2|amx)/.test(flag));
    io.out.line(
      formatPairs(
        [
          ['OS', `${os.platform}${os.release ? ` ${os.release}` : ''} (${os.arch})`],
          [
            'CPU',
            `${cpu.model ?? 'unknown model'}, ${cores}, ${cpu.speedGHz === null ? 'speed unknown' : `${cpu.speedGHz} GHz`}`,
          ],
          ['SIMD', flags.length > 0 ? flags.join(', ') : 'none reported'],
          ['Memory', `${formatBytes(memory.totalBytes)} total, ${formatBytes(memory.availableBytes)} available`],
          [
            'GPUs',
            profile.gpus.length === 0 ? 'none found (local models run on the CPU)' : String(profile.gpus.length),
          ],
        ],
        io.out,
      ),
    );
    if (profile.gpus.length > 0) {
      io.out.line();
      io.out.line(
        formatTable(
          [
            { header: 'VENDOR' },
            { header: 'MODEL' },
            { header: 'VRAM', align: 'end' },
            { header: 'FREE', align: 'end' },
            { header: 'UNIFIED' },
          ],
          profile.gpus.map((gpu) => [
            gpu.vendor,
            gpu.model,
            formatBytes(gpu.vramTotalBytes),
            formatBytes(gpu.vramFreeBytes),
            gpu.hasUnifiedMemory ? 'yes' : 'no',
          ]),
          { isRich: io.out.isRich },
        ),
      );
    }
    return 0;
  },
};
