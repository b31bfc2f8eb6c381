// Parses each debug log named on the command line with the sflog grammar of tree-sitter-sfapex
// and prints, per file, "ok" with the number of log entries or every ERROR and MISSING node.
// Exits 1 when any file has one. Run with NODE_PATH pointing at the installed node_modules.
"use strict";
const fs = require("fs");
const Parser = require("tree-sitter");
const { sflog } = require("tree-sitter-sfapex");

const parser = new Parser();
parser.setLanguage(sflog);

function problems(text, node, found) {
  if (node.isError || node.isMissing) {
    const end = Math.min(node.endIndex, node.startIndex + 80);
    const where = `${node.startPosition.row + 1}:${node.startPosition.column + 1}`;
    found.push(`${node.isMissing ? "MISSING" : "ERROR"} at ${where}: ${JSON.stringify(text.slice(node.startIndex, end))}`);
  }
  for (const child of node.children) {
    problems(text, child, found);
  }
  return found;
}

let failed = false;
for (const file of process.argv.slice(2)) {
  const text = fs.readFileSync(file, "utf8");
  const tree = parser.parse(text);
  const found = problems(text, tree.rootNode, []);
  const entries = tree.rootNode.namedChildren.filter((n) => n.type === "log_entry").length;
  if (found.length > 0 || tree.rootNode.type !== "source_file") {
    failed = true;
    console.log(`${file}: ${found.length} problem(s)\n  ${found.join("\n  ")}`);
  } else {
    console.log(`${file}: ok, ${entries} entries`);
  }
}
process.exit(failed ? 1 : 0);
