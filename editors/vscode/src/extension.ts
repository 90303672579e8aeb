// The VS Code extension: starts `tebiki lsp` for Markdown files and
// tebiki.yaml (diagnostics, completion, hover, navigation, renames and code
// actions all come from the server) and offers "tebiki: Open preview",
// which runs `tebiki serve` for the guide's site and shows the guide in the
// editor's browser view at the step under the cursor.

import * as vscode from "vscode";
import { LanguageClient, LanguageClientOptions, ServerOptions, TransportKind } from "vscode-languageclient/node";
import { documentSelector, pageUrl, PAGE_REQUEST, PageResult, Preview, serverExecutable, siteRoot, startPreview } from "./server";

let client: LanguageClient | undefined;
const previews = new Map<string, Preview>();

function settings() {
  const config = vscode.workspace.getConfiguration("tebiki");
  return { tebiki: config.get<string>("path", "tebiki"), drafts: config.get<boolean>("drafts", false) };
}

async function startClient(): Promise<void> {
  const { tebiki, drafts } = settings();
  const exec = serverExecutable(tebiki, drafts);
  const serverOptions: ServerOptions = {
    run: { ...exec, transport: TransportKind.stdio },
    debug: { ...exec, transport: TransportKind.stdio },
  };
  const clientOptions: LanguageClientOptions = { documentSelector, initializationOptions: { drafts } };
  client = new LanguageClient("tebiki", "tebiki", serverOptions, clientOptions);
  await client.start();
  await vscode.commands.executeCommand("setContext", "tebiki.active", true);
}

async function openPreview(): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  const root = editor && siteRoot(editor.document.uri.fsPath);
  if (!editor || !root || !client) {
    vscode.window.showErrorMessage("tebiki: open a guide of a tebiki site (a folder with tebiki.yaml) first.");
    return;
  }
  const page = await client.sendRequest<PageResult | null>(PAGE_REQUEST, {
    textDocument: { uri: editor.document.uri.toString() },
    position: editor.selection.active,
  });
  if (!page) {
    vscode.window.showErrorMessage("tebiki: this file is not a guide that is built (a draft, or outside content/).");
    return;
  }
  let preview = previews.get(root);
  if (!preview || preview.process.exitCode !== null) {
    preview = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: "tebiki: starting the preview" },
      () => startPreview(settings().tebiki, root),
    );
    previews.set(root, preview);
  }
  await vscode.commands.executeCommand("simpleBrowser.show", pageUrl(preview.url, page));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  context.subscriptions.push(
    vscode.commands.registerCommand("tebiki.openPreview", openPreview),
    vscode.commands.registerCommand("tebiki.restartServer", async () => {
      await client?.stop();
      await startClient();
    }),
  );
  await startClient();
}

export async function deactivate(): Promise<void> {
  for (const p of previews.values()) p.process.kill();
  previews.clear();
  await client?.stop();
}
