import type { Command } from 'commander';
import { allMigrations, createPlatform, openPlatformStorage } from '../app/index.js';
import { chinaDate } from '../platform/calendar/index.js';
import { loadConfig, type PlatformConfig } from '../platform/config/index.js';
import { migrateToLatest, tablesOf } from '../platform/db/index.js';
import { CommonErrors } from '../platform/errors/index.js';
import {
  describeValue,
  type EffectiveValue,
  isPending,
  itemName,
  type Lang,
  listProfiles,
  loadEffectiveProfile,
  loadProfile,
  outcomeName,
  overridesOf,
  PENDING_HEADING,
  type Profile,
  ProfileErrors,
  pendingNote,
  profileExpired,
  profileNotYetInForce,
  sectionName,
} from '../platform/profiles/index.js';
import { Settings, type SettingsTables } from '../platform/settings/index.js';

/**
 * The profile this instance runs under: the stored setting when the database has one, else the
 * one the first start would store (GOVSHARE_PROFILE or `national`). Reads only: no migration.
 */
async function selectedProfileId(config: PlatformConfig): Promise<{ id: string; stored: boolean }> {
  const storage = await openPlatformStorage(config);
  try {
    const stored = await new Settings(tablesOf<SettingsTables>(storage.db))
      .get('profile')
      .catch(() => undefined);
    return stored === undefined ? { id: config.profile, stored: false } : { id: stored, stored: true };
  } finally {
    await storage.close();
  }
}

/** Every cited value of a profile with its JSON pointer, in file order. */
function leaves(node: unknown, path = ''): { path: string; leaf: Record<string, unknown> }[] {
  if (typeof node !== 'object' || node === null || Array.isArray(node)) return [];
  const record = node as Record<string, unknown>;
  if ('article' in record && 'text' in record && 'value' in record) return [{ path, leaf: record }];
  return Object.entries(record)
    .filter(([key]) => key !== 'effective')
    .flatMap(([key, child]) => leaves(child, `${path}/${key}`));
}

function sourceName(profile: Profile, source: string | undefined, lang: Lang): string {
  const zh = lang === 'zh';
  const national = profile.effective?.national ?? 'national';
  if (source === national && profile.id !== national)
    return zh ? `国家规定（${profile.effective?.nationalInstrument ?? national}）` : `national (${national})`;
  return zh ? `本地规定（${profile.name.zh}）` : `local (${profile.id})`;
}

function cite(leaf: Record<string, unknown>): string {
  return typeof leaf.article === 'string' ? leaf.article : '无条文 / no article';
}

/** The profile as lines of zh-CN text (English names after a slash only in headings). */
export function describeProfile(profile: Profile, options: { effective: boolean; today: string }): string[] {
  const lang: Lang = 'zh';
  const lines: string[] = [];
  const { from, until } = profile.inForce.value;
  lines.push(`政策配置 / profile：${profile.name.zh}（${profile.id}）`);
  lines.push(
    `规范依据：${profile.instrument.title}${profile.instrument.number ? `（${profile.instrument.number}）` : ''}；施行期间 ${from ?? '—'} ~ ${until ?? '长期'}`,
  );
  if (profileExpired(profile, options.today))
    lines.push(
      `⚠ 本配置已于 ${until} 期满失效（今日 ${options.today}），请核对现行规定 / this profile expired on ${until}`,
    );
  if (profileNotYetInForce(profile, options.today)) lines.push(`⚠ 本配置自 ${from} 起施行，尚未生效`);
  const values = new Map<string, EffectiveValue>((profile.effective?.values ?? []).map((v) => [v.path, v]));
  if (options.effective && profile.effective) {
    lines.push(
      profile.effective.local === profile.effective.national
        ? `生效规则：${profile.effective.nationalInstrument}（国家规定）`
        : `生效规则：本地配置叠加${profile.effective.nationalInstrument}——本地期限较短（较严）的适用本地规定；本地未规定或较宽的适用国家规定（R123）`,
    );
  }
  let section = '';
  const all = leaves(profile);
  for (const { path, leaf } of all) {
    if (path === '/inForce' || isPending(path)) continue;
    const heading = sectionName(path, lang);
    if (heading !== section) {
      section = heading;
      lines.push('', `【${heading}】`);
    }
    const value = describeValue(path, leaf as { value: unknown }, lang);
    const entry = values.get(path);
    if (!options.effective || !entry) {
      lines.push(`  ${itemName(path, lang)}：${value}（${cite(leaf)}）`);
      continue;
    }
    const mark = entry.overridden ? '  ◆ ' : '    ';
    lines.push(
      `${mark}${itemName(path, lang)}：${value}（${cite(leaf)}；来源：${sourceName(profile, entry.source, lang)}）`,
    );
    if (entry.outcome !== 'national_base' && entry.outcome !== 'local_absent' && entry.local) {
      const local = entry.local;
      const localText = describeValue(path, local, lang);
      const localCite = local.article ?? '未规定';
      if (entry.source !== profile.id)
        lines.push(`      ${outcomeName(entry.outcome, lang)}（本地：${localText}，${localCite}）`);
      else if ((entry.outcome === 'local_stricter' || entry.outcome === 'same') && entry.national)
        lines.push(
          `      ${outcomeName(entry.outcome, lang)}（国家：${describeValue(path, entry.national, lang)}，${entry.national.article ?? '未规定'}）`,
        );
    } else if (entry.outcome === 'local_absent') lines.push(`      ${outcomeName(entry.outcome, lang)}`);
  }
  const pending = all.filter(({ path }) => isPending(path));
  if (pending.length > 0) {
    lines.push(
      '',
      `【${PENDING_HEADING.zh}】共 ${pending.length} 项 / ${PENDING_HEADING.en}: ${pending.length}`,
      '  条文已录入，仅供查阅，不是配置项：平台尚未读取，更改不影响运行 / information only: nothing reads these yet',
    );
    for (const { path, leaf } of pending) {
      const source = options.effective
        ? `；来源：${sourceName(profile, values.get(path)?.source, lang)}`
        : '';
      lines.push(
        `  ${sectionName(path, lang)} › ${itemName(path, lang)}：${describeValue(path, leaf as { value: unknown }, lang)}（${cite(leaf)}${source}）— ${pendingNote(path, lang)}`,
      );
    }
  }
  if (options.effective && profile.effective && profile.effective.local !== profile.effective.national) {
    const overrides = overridesOf(profile);
    lines.push(
      '',
      `【被国家规定取代的本地规定】共 ${overrides.length} 项 / local values overridden: ${overrides.length}`,
    );
    for (const o of overrides) {
      const local = o.local;
      const national = o.national;
      if (!local || !national) continue;
      lines.push(
        `  ◆ ${itemName(o.path, lang)}：本地 ${describeValue(o.path, local, lang)}（${local.article ?? '未规定'}）→ 国家 ${describeValue(o.path, national, lang)}（${national.article ?? '—'}）：${outcomeName(o.outcome, lang)}`,
      );
    }
  }
  return lines;
}

/** `govshare profile show|list|set`: the policy profile from the server's shell (R123, R133). */
export function registerProfileCommands(program: Command): void {
  const profile = program
    .command('profile')
    .description('政策配置（辖区配置） / jurisdiction policy profile');

  profile
    .command('show')
    .description(
      '显示本实例的政策配置；--effective 显示叠加国家规定后的生效值、来源与被取代的本地规定 / show the profile',
    )
    .option('--effective', '生效值：本地配置叠加国家规定 / the effective values (local on top of national)')
    .option('--json', '输出 JSON / print JSON')
    .option('--profile <id>', '显示指定配置而不是本实例的配置 / show this profile instead of the instance’s')
    .action(async (options: { effective?: boolean; json?: boolean; profile?: string }) => {
      const id = options.profile ?? (await selectedProfileId(loadConfig())).id;
      const shown = options.effective ? loadEffectiveProfile(id) : loadProfile(id);
      if (options.json) {
        console.log(JSON.stringify(shown, null, 2));
        return;
      }
      console.log(
        describeProfile(shown, { effective: Boolean(options.effective), today: chinaDate(new Date()) }).join(
          '\n',
        ),
      );
    });

  profile
    .command('list')
    .description('列出全部政策配置及其施行期间 / list every profile with its dates')
    .action(async () => {
      const today = chinaDate(new Date());
      const { id: current } = await selectedProfileId(loadConfig());
      for (const p of listProfiles()) {
        const { from, until } = p.inForce.value;
        const state = profileExpired(p, today)
          ? '  已失效 / expired'
          : profileNotYetInForce(p, today)
            ? '  未施行 / not yet in force'
            : '';
        console.log(
          `${p.id === current ? '*' : ' '} ${p.id.padEnd(16)} ${p.name.zh}（${from ?? '—'} ~ ${until ?? '长期'}）${state}`,
        );
      }
    });

  profile
    .command('set')
    .description(
      '更换本实例的政策配置（须说明理由，记入审计，重启后生效） / change the instance’s profile (audited)',
    )
    .argument('<name>', '配置名（profiles/ 下的文件名） / profile id')
    .requiredOption('--reason <text>', '更换理由 / reason')
    .action(async (name: string, options: { reason: string }) => {
      const reason = options.reason.trim();
      if (reason === '')
        throw CommonErrors.error('VALIDATION_FAILED', { field: '--reason', reason: 'empty' });
      const next = loadEffectiveProfile(name);
      const config = loadConfig();
      const storage = await openPlatformStorage(config);
      try {
        await migrateToLatest(storage.db, storage.dialect, allMigrations);
        const settings = new Settings(tablesOf<SettingsTables>(storage.db));
        const previous = await settings.get('profile');
        if (previous === name) throw ProfileErrors.error('PROFILE_UNCHANGED', { id: name });
        // The platform runs under the stored profile (or, before the first start, the new one).
        const platform = await createPlatform(
          { ...config, profile: previous ?? name, profileRequested: false },
          { storage, jobs: false },
        );
        try {
          await storage.db.transaction().execute(async (trx) => {
            await settings.set('profile', name, tablesOf<SettingsTables>(trx));
            await platform.services.audit.record(
              trx,
              {},
              {
                action: 'platform.profile.set',
                targetType: 'instance_setting',
                targetId: 'profile',
                detail: {
                  from: previous ?? null,
                  to: name,
                  reason,
                  via: 'cli',
                  overriddenLocalValues: overridesOf(next).map((o) => o.path),
                },
              },
            );
          });
        } finally {
          await platform.close();
        }
        const today = chinaDate(new Date());
        console.log(
          [
            `已将政策配置由 ${previous ?? '（未设置）'} 改为 ${name}（${next.name.zh}），理由：${reason}；已记入审计，重启后生效。`,
            `Profile changed from ${previous ?? '(none)'} to ${name}; audited; takes effect at the next start.`,
            `如设置了环境变量 GOVSHARE_PROFILE，请改为 ${name} 或删去，否则启动将被拒绝 / set GOVSHARE_PROFILE=${name} or unset it.`,
            ...(profileExpired(next, today)
              ? [`⚠ ${next.name.zh} 已于 ${next.inForce.value.until} 期满失效 / this profile has expired`]
              : []),
          ].join('\n'),
        );
      } finally {
        await storage.close();
      }
    });
}
