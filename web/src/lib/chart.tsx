import type { EChartsOption } from 'echarts';
import { BarChart, LineChart, PieChart } from 'echarts/charts';
import { GridComponent, LegendComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer } from 'echarts/renderers';
import ReactEChartsCore from 'echarts-for-react/esm/core';

// Only the charts and parts the portal draws are bundled (ECharts' own tree-shaking entry points).
echarts.use([
  BarChart,
  LineChart,
  PieChart,
  GridComponent,
  LegendComponent,
  TooltipComponent,
  CanvasRenderer,
]);

/**
 * A chart of the portal (ECharts). `label` says in words what the chart shows, for screen readers:
 * the canvas itself has no text; the figures it draws are also in a table on the same page.
 *
 * @example <Chart label="各部门评分" height={240} option={{ xAxis: …, yAxis: …, series: […] }} />
 */
export function Chart({
  option,
  label,
  height = 260,
}: {
  option: EChartsOption;
  label: string;
  height?: number;
}) {
  return (
    <div role="img" aria-label={label}>
      <ReactEChartsCore
        echarts={echarts}
        option={option}
        style={{ height, width: '100%' }}
        notMerge
        lazyUpdate
      />
    </div>
  );
}
