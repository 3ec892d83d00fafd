// Prints Terraform HCL as JSON, using HashiCorp's own HCL parser (compiled to WebAssembly in @cdktf/hcl2json).
//
//   node hcl2json.js <directory>   every *.tf, *.tfvars and *.example file under <directory>, recursively, as
//                                  { "<path relative to directory, with />": <that file's JSON>, ... }
//                                  (.terraform folders skipped)
//   node hcl2json.js -             HCL text from stdin, as that text's JSON
//
// A file that does not parse fails the whole run: exit code 1, the parser's message on stderr.
"use strict";

const fs = require("fs");
const path = require("path");
const { parse } = require("@cdktf/hcl2json");

const convertible = /\.(tf|tfvars|example)$/;

function filesUnder(directory) {
  const found = [];
  for (const entry of fs.readdirSync(directory, { withFileTypes: true })) {
    const full = path.join(directory, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== ".terraform") found.push(...filesUnder(full));
    } else if (convertible.test(entry.name)) {
      found.push(full);
    }
  }
  return found.sort();
}

async function convertDirectory(directory) {
  const result = {};
  for (const file of filesUnder(directory)) {
    const relative = path.relative(directory, file).split(path.sep).join("/");
    result[relative] = await parse(relative, fs.readFileSync(file, "utf8"));
  }
  return result;
}

async function convertStdin() {
  const text = fs.readFileSync(0, "utf8");
  return parse("stdin.tf", text);
}

async function main(argument) {
  if (!argument) throw new Error("usage: node hcl2json.js <directory> | -");
  const json = argument === "-" ? await convertStdin() : await convertDirectory(argument);
  // Wait until the text is flushed: on a pipe, stdout is asynchronous and process.exit would cut it at 64 KiB.
  await new Promise((resolve, reject) => process.stdout.write(JSON.stringify(json), (error) => (error ? reject(error) : resolve())));
}

main(process.argv[2]).then(
  () => process.exit(0),
  (error) => {
    process.stderr.write(`hcl2json: ${error && error.message ? error.message : error}\n`);
    process.exit(1);
  });
