// The end-to-end test harness page (test/e2e/harness.tsx): the real task pane over the Excel
// test double, built into dist-e2e/ — never into dist/, and nothing of it ships with the add-in.
// Loaders and resolution come from the main webpack.config.js, so the pane is compiled exactly
// as in production (esbuild-loader, async chunks for the compile worker and ExcelJS).
//
//   npx webpack --config test/e2e/webpack.harness.cjs      (the e2e runner does this)
/* eslint-env node */
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const mainConfig = require('../../webpack.config.js');

const root = path.resolve(__dirname, '../..');

module.exports = async (env = {}, argv = {}) => {
  const main = await mainConfig(env, { ...argv, mode: 'development' });
  return {
    mode: 'development',
    context: root,
    // readable stack traces in the browser console, without eval (the page is also screenshotted)
    devtool: 'cheap-module-source-map',
    entry: { harness: './test/e2e/harness.tsx' },
    output: {
      path: path.join(root, 'dist-e2e'),
      filename: '[name].js',
      chunkFilename: '[name].chunk.js',
      // fixtures/ (written by the runner) and prod/ (the production build the runner measures) are kept
      clean: { keep: /^(fixtures|prod)([\\/]|$)/ },
    },
    resolve: main.resolve,
    module: main.module,
    optimization: { splitChunks: { chunks: 'async' } },
    performance: { hints: false },
    plugins: [new HtmlWebpackPlugin({ filename: 'index.html', template: './test/e2e/harness.html', scriptLoading: 'defer' })],
    stats: 'errors-warnings',
  };
};
