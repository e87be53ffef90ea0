import { readFileSync } from 'node:fs';
import type { Command } from 'commander';
import { createPlatform } from '../app/index.js';
import { loadConfig } from '../platform/config/index.js';
import { CommonErrors } from '../platform/errors/index.js';

/** `govshare calendar load|years`: the working-day calendar from the server's shell. */
export function registerCalendarCommands(program: Command): void {
  const calendar = program.command('calendar').description('工作日历 / working-day calendar');

  calendar
    .command('load')
    .description(
      '载入某年国务院办公厅放假通知（JSON：{year, holidays[], workdays[], source}），重算暂定期限 / load a year’s holiday notice',
    )
    .argument('<file>', '通知 JSON 文件 / notice JSON file')
    .action(async (file: string) => {
      let notice: unknown;
      try {
        notice = JSON.parse(readFileSync(file, 'utf8'));
      } catch (error) {
        throw CommonErrors.error('VALIDATION_FAILED', { field: file, reason: (error as Error).message });
      }
      const platform = await createPlatform(loadConfig(), { jobs: false });
      try {
        const { calendar, audit } = platform.services;
        const result = await calendar.loadNotice(
          notice as Parameters<typeof calendar.loadNotice>[0],
          null,
          (trx, r) =>
            audit.record(
              trx,
              {},
              {
                action: 'calendar.loadNotice',
                targetType: 'calendar_year',
                targetId: String(r.notice.year),
                detail: { source: r.notice.source, recomputedDeadlines: r.recomputed, via: 'cli' },
              },
            ),
        );
        console.log(
          `已载入 ${result.notice.year} 年通知（${result.notice.source}）：${result.notice.holidays.length} 个放假日、${result.notice.workdays.length} 个调休上班日；重算 ${result.recomputed} 个暂定期限\n` +
            `Loaded the ${result.notice.year} notice; ${result.recomputed} provisional deadlines are now final`,
        );
      } finally {
        await platform.close();
      }
    });

  calendar
    .command('years')
    .description('各年日历数据来源与状态 / calendar years and their status')
    .action(async () => {
      const platform = await createPlatform(loadConfig(), { jobs: false });
      try {
        for (const y of await platform.services.calendar.listYears()) console.log(JSON.stringify(y));
      } finally {
        await platform.close();
      }
    });
}
