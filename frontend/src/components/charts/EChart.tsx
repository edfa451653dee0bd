import {BarChart, LineChart} from 'echarts/charts';
import {AriaComponent, GridComponent, LegendComponent, TooltipComponent} from 'echarts/components';
import * as echarts from 'echarts/core';
import type {ComposeOption, EChartsType} from 'echarts/core';
import type {BarSeriesOption, LineSeriesOption} from 'echarts/charts';
import type {AriaComponentOption, GridComponentOption, LegendComponentOption, TooltipComponentOption} from 'echarts/components';
import {SVGRenderer} from 'echarts/renderers';
import {useEffect, useRef} from 'react';

// Only what the dashboard draws, so the bundle stays small. SVG renders
// crisply at any zoom and leaves real elements to inspect in tests.
echarts.use([LineChart, BarChart, GridComponent, TooltipComponent, LegendComponent, AriaComponent, SVGRenderer]);

/** ChartOption is the ECharts option subset the dashboard uses. */
export type ChartOption = ComposeOption<
  LineSeriesOption | BarSeriesOption | GridComponentOption | TooltipComponentOption | LegendComponentOption | AriaComponentOption
>;

/** EChartProps are the props of EChart. */
export interface EChartProps {
  option: ChartOption;
  /** A sentence summarising what the chart shows, for screen readers. */
  summary: string;
  height: number;
  testId?: string;
}

/**
 * EChart draws an ECharts option (SVG). The drawing is an image to
 * assistive technology, labelled with the summary; ChartFigure adds the
 * data as a table. It resizes with its container and is disposed on unmount.
 */
export function EChart({option, summary, height, testId}: EChartProps) {
  const el = useRef<HTMLDivElement>(null);
  const chart = useRef<EChartsType | null>(null);

  useEffect(() => {
    const node = el.current;
    if (!node) {
      return undefined;
    }
    const c = echarts.init(node, undefined, {renderer: 'svg'});
    chart.current = c;
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => {
            c.resize();
          });
    observer?.observe(node);
    return () => {
      observer?.disconnect();
      chart.current = null;
      c.dispose();
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, {notMerge: true});
  }, [option]);

  return <div ref={el} className="chart__canvas" role="img" aria-label={summary} style={{height}} data-testid={testId} />;
}
