// The hello-world command of plugin-template-sf: the cheapest possible sf command, the baseline of bench/startup.
import { SfCommand } from '@salesforce/sf-plugins-core';

export default class World extends SfCommand {
  static summary = 'Say hello.';

  async run() {
    this.log('Hello World');
    return { name: 'World' };
  }
}
