import ExcelJS from 'exceljs';
import type { EvaluationView } from './service.js';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFDDEBF7' } };
const NO_DATA = '无数据';

const STATE: Record<EvaluationView['state'], string> = {
  draft: '草稿',
  reviewed: '已审核',
  published: '已发布',
};

/**
 * The evaluation as a workbook (R111, R115: the KPI export for the annual performance appraisal):
 * the ranking with each indicator's score, each indicator's figures, and what the evaluation is
 * (period, scheme with its articles, state, digest).
 */
export async function evaluationWorkbook(e: EvaluationView): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'govshare';
  const ranking = workbook.addWorksheet('排名');
  ranking.addRow([
    '排名',
    '部门',
    '行政区划',
    '综合得分',
    ...e.scheme.indicators.map((i) => `${i.label.zh}（权重 ${i.weight}）`),
    '改进建议',
  ]);
  for (const line of e.lines)
    ranking.addRow([
      line.rank ?? NO_DATA,
      line.departmentName,
      line.jurisdictionName,
      line.total ?? NO_DATA,
      ...line.indicators.map((i) => i.score ?? NO_DATA),
      line.suggestion,
    ]);
  header(ranking);
  const detail = workbook.addWorksheet('指标明细');
  detail.addRow(['部门', '指标', '单位', '期间值', '分子', '分母', '得分（0–100）', '权重', '辖区平均值']);
  for (const line of e.lines)
    line.indicators.forEach((i, k) => {
      const def = e.scheme.indicators[k];
      detail.addRow([
        line.departmentName,
        def?.label.zh ?? i.indicator,
        def?.unit === 'share' ? '比例' : def?.unit === 'score' ? '评分' : '计数',
        i.value ?? NO_DATA,
        i.numerator ?? '',
        i.denominator ?? '',
        i.score ?? NO_DATA,
        i.weight,
        e.averages[k]?.value ?? NO_DATA,
      ]);
    });
  header(detail);
  const about = workbook.addWorksheet('说明');
  const rows: [string, string][] = [
    ['行政区划', e.jurisdiction.name],
    ['考核期间', `${e.period}（${e.from} 至 ${e.to}）`],
    ['状态', STATE[e.state]],
    ['公开方式', e.publication === 'public' ? '公开' : '内部'],
    ['指标与权重依据', `${e.scheme.basis.indicators.article ?? '配置'}：${e.scheme.basis.indicators.text}`],
    ['期间依据', `${e.scheme.basis.period.article ?? '配置'}：${e.scheme.basis.period.text}`],
    ['公开依据', `${e.scheme.basis.publication.article ?? '配置'}：${e.scheme.basis.publication.text}`],
    [
      '计分规则',
      '比例类指标：期间内分子之和除以分母之和，得分为百分数；计数类指标：期间内合计，越多越好者按最高值折算为 0–100，越少越好者按 100×(1−值/最高值)；评分类指标：期间均值；无数据的指标显示“无数据”，其权重按比例分配给其他指标。',
    ],
    ['摘要值（SHA-256）', e.digest ?? '未发布'],
    ['发布时间', e.publishedAt ?? '未发布'],
  ];
  for (const r of rows) about.addRow(r);
  about.getColumn(1).width = 20;
  about.getColumn(2).width = 100;
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

function header(sheet: ExcelJS.Worksheet) {
  const row = sheet.getRow(1);
  row.font = { bold: true };
  row.eachCell((cell) => {
    cell.fill = HEADER_FILL;
  });
  sheet.columns.forEach((c) => {
    c.width = 16;
  });
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
}
