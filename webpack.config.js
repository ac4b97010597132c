/* eslint-disable no-undef */
/* global require, module, process, __dirname, console */

const fs = require("fs");
const path = require("path");
const devCerts = require("office-addin-dev-certs");
const certPaths = require("office-addin-dev-certs/lib/defaults");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");

const urlDev = "https://localhost:3000/";
// Where the production build is hosted; the manifest's dev URLs are replaced with it.
const urlProd = process.env.KC_ADDIN_URL || "https://kc-financials.example.com/";

/**
 * The dev server's certificate. Where the CA cannot be trusted (no sudo, as on Linux CI), the
 * certificates are still generated: serve with them and let the browser ask once.
 */
async function getHttpsOptions() {
  try {
    const options = await devCerts.getHttpsServerOptions();
    return { ca: options.ca, key: options.key, cert: options.cert };
  } catch (error) {
    if (!fs.existsSync(certPaths.localhostCertificatePath)) throw error;
    console.warn(`Serving with the generated certificate; its CA is not trusted here (${error.message.trim()}).`);
    return {
      ca: fs.readFileSync(certPaths.caCertificatePath),
      key: fs.readFileSync(certPaths.localhostKeyPath),
      cert: fs.readFileSync(certPaths.localhostCertificatePath),
    };
  }
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
              return dev ? content : content.toString().replace(new RegExp(urlDev, "g"), urlProd);
            },
          },
        ],
      }),
    ],
    performance: { hints: false },
    devServer: {
      static: { directory: path.resolve(__dirname, "dist") },
      headers: { "Access-Control-Allow-Origin": "*" },
      server: {
        type: "https",
        options: env.WEBPACK_BUILD || options.https !== undefined ? options.https : await getHttpsOptions(),
      },
      host: "localhost",
      port: process.env.npm_package_config_dev_server_port || 3000,
    },
  };
};
