// A bare @oclif/core command, for reference: what the oclif runtime alone costs.
import { Command } from '@oclif/core';

export default class Bare extends Command {
  static summary = 'Say hello without the Salesforce base class.';

  async run() {
    this.log('Hello World');
  }
}
