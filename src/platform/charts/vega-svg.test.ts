import { test } from 'node:test';
import assert from 'node:assert/strict';
import { renderChartSvg, renderedChartsCached, stripInlineStyleAndScript } from './vega-svg.ts';

test('renders a bar chart to SVG with no script or style, text escaped, labelled by the given ids', async () => {
  const svg = await renderChartSvg(
    {
      data: { values: [{ c: '<script>x</script>&"', n: 3 }] },
      mark: 'bar',
      encoding: {
        x: { field: 'c', type: 'nominal', title: 'a<b>' },
        y: { field: 'n', type: 'quantitative' },
      },
    },
    { titleId: 'titel', descriptionId: 'beschrijving' },
  );
  assert.match(svg, /^<svg role="img" aria-labelledby="titel beschrijving" focusable="false" /);
  assert.doesNotMatch(svg, /<script|<style|\sstyle=|\son[a-z]+=/i);
  assert.equal(svg.match(/\srole="/g)?.length, 1, 'one image: only the root has a role');
  assert.match(svg, /&lt;script&gt;x&lt;\/script&gt;/);
  assert.match(svg, /a&lt;b&gt;/);
});

test('strips style and script that a strict CSP would block', () => {
  assert.equal(
    stripInlineStyleAndScript(
      '<svg style="x"><style>a{}</style><script>1</script><g onclick="y" fill="red"/></svg>',
    ),
    '<svg><g fill="red"/></svg>',
  );
});

test('a spec rendered before is answered from the bounded cache, the same SVG; other ids are another entry', async () => {
  const spec = {
    data: { values: [{ c: 'a', n: 1 }] },
    mark: 'bar',
    encoding: { x: { field: 'c', type: 'nominal' }, y: { field: 'n', type: 'quantitative' } },
  };
  const first = await renderChartSvg(spec, { titleId: 't1' });
  const kept = renderedChartsCached();
  assert.equal(await renderChartSvg(structuredClone(spec), { titleId: 't1' }), first);
  assert.equal(renderedChartsCached(), kept, 'no new entry for the same spec');
  const other = await renderChartSvg(spec, { titleId: 't2' });
  assert.match(other, /aria-labelledby="t2"/);
  assert.equal(renderedChartsCached(), kept + 1);
  const changed = await renderChartSvg({ ...spec, data: { values: [{ c: 'a', n: 7 }] } }, { titleId: 't1' });
  assert.notEqual(changed, first, 'other data, another chart');
});
