import { useEffect, useMemo, useRef } from 'react';
import * as echarts from 'echarts/core';
import { TreeChart } from 'echarts/charts';
import { TooltipComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';
import { useTranslation } from 'react-i18next';
import type { BodyNode } from './api';

echarts.use([TreeChart, TooltipComponent, CanvasRenderer]);

interface TreeDatum { name: string; value?: string; children?: TreeDatum[]; itemStyle?: { color: string } }

/**
 * The alliance's organisation as an ECharts tree, the alliance at the root; clicking a body opens it.
 * The nested list next to it says the same for screen readers and keyboards.
 */
export function OrgChart({ allianceName, forest, onOpen }: { allianceName: string; forest: BodyNode[]; onOpen: (bodyId: string) => void }) {
  const { t } = useTranslation();
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<echarts.ECharts | null>(null);
  const open = useRef(onOpen);
  open.current = onOpen;

  const option = useMemo(() => {
    const toDatum = (node: BodyNode): TreeDatum => ({
      name: node.body.name,
      value: node.body.id,
      ...(node.body.status === 'dissolved' ? { itemStyle: { color: '#bfbfbf' } } : {}),
      children: node.children.map(toDatum),
    });
    const depth = (nodes: BodyNode[]): number => (nodes.length ? 1 + Math.max(...nodes.map((n) => depth(n.children))) : 0);
    return {
      tooltip: { trigger: 'item', formatter: (p: { name: string }) => p.name },
      series: [{
        type: 'tree', data: [{ name: allianceName, children: forest.map(toDatum) }], orient: 'TB', top: 40, bottom: 80, left: 20, right: 20,
        symbolSize: 12, expandAndCollapse: false, initialTreeDepth: Math.max(depth(forest), 1) + 1,
        label: { position: 'top', fontSize: 13 }, leaves: { label: { position: 'bottom', rotate: 0, verticalAlign: 'top', width: 96, overflow: 'break' } },
      }],
    };
  }, [allianceName, forest]);

  useEffect(() => {
    if (!ref.current) return undefined;
    const instance = echarts.init(ref.current, undefined, { renderer: 'canvas' });
    chart.current = instance;
    instance.on('click', (params) => {
      const id = (params.data as TreeDatum | undefined)?.value;
      if (id) open.current(id);
    });
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(() => instance.resize());
    observer?.observe(ref.current);
    return () => {
      observer?.disconnect();
      instance.dispose();
      chart.current = null;
    };
  }, []);

  useEffect(() => {
    chart.current?.setOption(option, true);
  }, [option]);

  return <div ref={ref} role="img" aria-label={t('organisation.chart.label', { name: allianceName })} data-testid="org-chart" style={{ width: '100%', height: 360 }} />;
}
