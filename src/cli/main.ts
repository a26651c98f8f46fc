#!/usr/bin/env node
/** Entry point of the `meshward` command (bin/meshward.js imports this module). */
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2));
