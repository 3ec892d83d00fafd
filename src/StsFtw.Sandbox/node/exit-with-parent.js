// Preloaded into the Node.js that runs dynalite (node --require exit-with-parent.js ...): ends the process when its
// standard input closes. The process that started it holds the other end of that pipe, and the operating system
// closes it however that process ends, even when it is killed outright, so dynalite never outlives the sandbox or a
// test run that started it.
'use strict'
process.stdin.on('end', () => process.exit(0))
process.stdin.on('error', () => process.exit(0))
process.stdin.resume()
