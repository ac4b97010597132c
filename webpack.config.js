/* eslint-disable no-undef */
/* global require, module, process, __dirname, console */

const path = require("path");
const { sources } = require("webpack");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { devCertificate } = require("./scripts/dev-certificate");
const { port } = require("./scripts/dev-server");
const { devUrl, manifestFor } = require("./scripts/dev-manifest");
const { shipped } = require("./scripts/functions-metadata");
const { PLACEHOLDER_URL } = require("./scripts/placeholder-url");

// The committed manifest points at the default dev server; the built one at the configured port
// (package.json's config.dev_server_port, read by scripts/dev-server.js), or in production at
// $KC_ADDIN_URL. Without it a production build points at a placeholder host, which
// `npm run validate` refuses (scripts/validate-manifest.ts).
const urlProd = process.env.KC_ADDIN_URL || PLACEHOLDER_URL;

/** functions.json as generated, made what the add-in ships (scripts/functions-metadata.js). */
class ShippedMetadataPlugin {
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("ShippedMetadataPlugin", (compilation) => {
      compilation.hooks.processAssets.tap(
        { name: "ShippedMetadataPlugin", stage: compiler.webpack.Compilation.PROCESS_ASSETS_STAGE_ADDITIONS },
        () => {
          if (!compilation.getAsset("functions.json")) return;
          compilation.updateAsset(
            "functions.json",
            (source) => new sources.RawSource(shipped(source.source().toString()))
          );
        }
      );
    });
  }
}

function rootToTaskpane(req, res, next) {
  if (req.path !== "/") return next();
  res.redirect(302, "/taskpane.html");
}

module.exports = async (env, options) => {
  const dev = options.mode === "development";
  return {
    devtool: "source-map",
    entry: {
      functions: "./src/functions/functions.ts",
      taskpane: "./src/taskpane/taskpane.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      // The release reader (with its HTML parser) is a chunk of its own, loaded when first used.
      chunkFilename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.ts$/,
          exclude: /node_modules/,
          use: { loader: "ts-loader", options: { transpileOnly: true } },
        },
        {
          // The packed dataset (src/data/compact.ts), as the add-in loads it.
          test: /src[\\/]data[\\/]dataset\.json$/,
          type: "javascript/auto",
          use: path.resolve(__dirname, "scripts/dataset-loader.js"),
        },
        {
          test: /\.css$/,
          type: "asset/resource",
          generator: { filename: "[name][ext]" },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        output: "functions.json",
        input: "./src/functions/functions.ts",
      }),
      new ShippedMetadataPlugin(),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        chunks: ["taskpane"],
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "src/taskpane/taskpane.css", to: "taskpane.css" },
          {
            from: "manifest*.xml",
            to: "[name][ext]",
            transform(content) {
              return manifestFor(content.toString(), dev ? devUrl(port) : urlProd);
            },
          },
        ],
      }),
    ],
    // The reader's HTML parser stays in the reader's chunk rather than a vendor chunk of its own.
    optimization: { splitChunks: { cacheGroups: { defaultVendors: false } } },
    performance: { hints: false },
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: {
        type: "https",
        options: env.WEBPACK_BUILD || options.https !== undefined ? options.https : await devCertificate({ port }),
      },
      // The site's root is the task pane, as in Microsoft's templates' sideloading instructions.
      setupMiddlewares: (middlewares) => [
        { name: "root-to-taskpane", path: "/", middleware: rootToTaskpane },
        ...middlewares,
      ],
      host: "localhost",
      port,
    },
  };
};
