import type { Command } from 'commander';

/** `govshare calendar load <notice.json>`: wired to the working-day calendar service. */
export function registerCalendarCommands(program: Command): void {
  program.command('calendar').description('工作日历 / working-day calendar');
}
