import {useId, type ReactNode} from 'react';

import type {BuiltChart} from './chartOptions';
import {EChart} from './EChart';
import './charts.css';

/** ChartFigureProps are the props of ChartFigure. */
export interface ChartFigureProps {
  title: string;
  chart: BuiltChart;
  height?: number;
  /** Controls shown beside the title (e.g. a by-category/by-type switch). */
  controls?: ReactNode;
  testId: string;
}

/**
 * ChartFigure is one dashboard chart: a titled figure whose drawing carries
 * a summary for screen readers, and whose figures are also available as a
 * table (the accessible fallback, and handy to read exact amounts).
 */
export function ChartFigure({title, chart, height = 260, controls, testId}: ChartFigureProps) {
  const titleId = useId();
  return (
    <figure className="card chart" aria-labelledby={titleId} data-testid={testId}>
      <figcaption className="row row--spread">
        <h2 className="card__title chart__title" id={titleId}>
          {title}
        </h2>
        {controls}
      </figcaption>
      {chart.empty ? (
        <p className="muted chart__empty" data-testid={`${testId}-empty`}>
          {chart.summary}
        </p>
      ) : (
        <EChart option={chart.option} summary={chart.summary} height={height} testId={`${testId}-drawing`} />
      )}
      {chart.table.rows.length > 0 ? (
        <details className="chart__data">
          <summary>Show the figures</summary>
          <div className="chart__table-wrap">
            <table className="chart__table" data-testid={`${testId}-table`}>
              <caption className="visually-hidden">{title}</caption>
              <thead>
                <tr>
                  {chart.table.columns.map((c) => (
                    <th key={c} scope="col">
                      {c}
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {chart.table.rows.map((row, i) => (
                  <tr key={i}>
                    {row.map((cell, j) =>
                      j === 0 ? (
                        <th key={j} scope="row">
                          {cell}
                        </th>
                      ) : (
                        <td key={j}>{cell}</td>
                      ),
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </details>
      ) : null}
    </figure>
  );
}
