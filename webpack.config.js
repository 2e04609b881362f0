// Task pane and ribbon command bundles (the command line is bundled separately into
// dist/cli.cjs by scripts/build-cli.mjs; the clean step keeps it).
//
// - TypeScript/TSX through esbuild-loader; minified by esbuild.
// - taskpane.html and commands.html from templates; assets and manifest.xml copied.
// - The dev server (`webpack serve`) runs on https://localhost:3000 with the Office dev
//   certificates; a production build never asks for them.
// - ExcelJS is never part of the initial task-pane chunk: it may only be reached through a
//   dynamic import() (file import), which webpack puts in an async chunk of its own.
/* eslint-env node */
const path = require('node:path');
const HtmlWebpackPlugin = require('html-webpack-plugin');
const CopyWebpackPlugin = require('copy-webpack-plugin');
const { EsbuildPlugin } = require('esbuild-loader');

const DEV_PORT = 3000;

/** HTTPS options for the dev server: the certificates office-addin-dev-certs installs. */
async function httpsOptions() {
  const devCerts = require('office-addin-dev-certs');
  return devCerts.getHttpsServerOptions();
}

module.exports = async (env = {}, argv = {}) => {
  const mode = argv.mode === 'development' ? 'development' : 'production';
  const serving = env.WEBPACK_SERVE === true;
  return {
    mode,
    devtool: mode === 'development' ? 'eval-cheap-module-source-map' : 'source-map',
    entry: {
      taskpane: './src/taskpane/index.tsx',
      commands: './src/commands/commands.ts',
    },
    output: {
      path: path.resolve(__dirname, 'dist'),
      filename: mode === 'development' ? '[name].js' : '[name].[contenthash:8].js',
      chunkFilename: mode === 'development' ? '[name].chunk.js' : '[name].[contenthash:8].chunk.js',
      // dist/cli.cjs (and its map) is the command-line bundle: built separately, kept here
      clean: { keep: /cli\.cjs/ },
    },
    resolve: { extensions: ['.ts', '.tsx', '.mjs', '.js'] },
    module: {
      rules: [
        {
          test: /\.[cm]?[jt]sx?$/,
          exclude: /node_modules/,
          loader: 'esbuild-loader',
          options: { target: 'es2020', jsx: 'automatic' },
        },
      ],
    },
    optimization: {
      minimizer: [new EsbuildPlugin({ target: 'es2020', legalComments: 'none' })],
      // only async chunks are split: the initial task-pane chunk is exactly what the page loads
      splitChunks: { chunks: 'async' },
    },
    performance: {
      // minified, not gzipped; the gzipped budget (400 KB) is checked by scripts/bundle-size.mjs
      hints: mode === 'production' ? 'warning' : false,
      maxEntrypointSize: 1_600_000,
      maxAssetSize: 1_600_000,
    },
    plugins: [
      new HtmlWebpackPlugin({
        filename: 'taskpane.html',
        template: './src/taskpane/taskpane.html',
        chunks: ['taskpane'],
        scriptLoading: 'defer',
      }),
      new HtmlWebpackPlugin({
        filename: 'commands.html',
        template: './src/commands/commands.html',
        chunks: ['commands'],
        scriptLoading: 'defer',
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: 'assets/*.png', to: 'assets/[name][ext]' },
          { from: 'manifest.xml', to: 'manifest.xml' },
        ],
      }),
    ],
    devServer: serving
      ? {
          port: DEV_PORT,
          server: { type: 'https', options: await httpsOptions() },
          headers: { 'Access-Control-Allow-Origin': '*' },
          static: false,
          hot: false,
          client: { overlay: { errors: true, warnings: false } },
        }
      : undefined,
  };
};
