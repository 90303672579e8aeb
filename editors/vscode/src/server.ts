// The parts of the extension that do not need the editor: how `tebiki lsp`
// is started, which files it is given, where a guide's site is, and the
// preview server (`tebiki serve --port 0`). The Node test in test/ uses
// them as the extension does.

import { spawn, ChildProcess } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** How to start a program: what vscode-languageclient calls an Executable. */
export interface Executable {
  command: string;
  args: string[];
}

/** The command that starts the language server. */
export function serverExecutable(tebiki: string, drafts: boolean): Executable {
  return { command: tebiki, args: drafts ? ["lsp", "--drafts"] : ["lsp"] };
}

/** The documents the server is given: Markdown files and site configs on disk. */
export const documentSelector = [
  { scheme: "file", language: "markdown" },
  { scheme: "file", pattern: "**/tebiki.yaml" },
];

/** The folder holding `tebiki.yaml` at or above a file's folder, if any. */
export function siteRoot(file: string): string | undefined {
  let dir = path.dirname(path.resolve(file));
  for (;;) {
    if (fs.existsSync(path.join(dir, "tebiki.yaml"))) return dir;
    const up = path.dirname(dir);
    if (up === dir) return undefined;
    dir = up;
  }
}

/** The server's request for the page of a guide and the anchor at a position. */
export const PAGE_REQUEST = "tebiki/page";

export interface PageResult {
  /** The page's path in the built site, `/`-separated (`account/reset.html`). */
  path: string;
  /** The step, heading or question at the position (`step-3`), if any. */
  anchor: string | null;
}

/** The URL of a page on a running preview, scrolled to its anchor. */
export function pageUrl(base: string, page: PageResult): string {
  const url = new URL(page.path.split("/").map(encodeURIComponent).join("/"), base);
  if (page.anchor) url.hash = encodeURIComponent(page.anchor);
  return url.toString();
}

/** A running `tebiki serve`. */
export interface Preview {
  url: string;
  process: ChildProcess;
}

/** Start `tebiki serve SITE --port 0` and wait for the address it serves at. */
export function startPreview(tebiki: string, site: string, timeoutMs = 120_000): Promise<Preview> {
  return new Promise((resolve, reject) => {
    const child = spawn(tebiki, ["serve", site, "--port", "0"], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    const timer = setTimeout(() => {
      child.kill();
      reject(new Error(`tebiki serve did not start within ${timeoutMs} ms: ${err}`));
    }, timeoutMs);
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    child.stdout.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /serving .* at (http:\/\/\S+\/)/.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve({ url: m[1], process: child });
      }
    });
    child.on("error", (e) => {
      clearTimeout(timer);
      reject(e);
    });
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`tebiki serve exited (${code}): ${err}`));
    });
  });
}
