// Questions to a clerk at a terminal. Only used when Factory.canPrompt() says both ends are a TTY.

import type { Factory } from './factory.js';

export interface Choice { value: string; name: string }

export interface Prompter {
  input(message: string, opts?: { default?: string; validate?: (v: string) => true | string }): Promise<string>;
  select(message: string, choices: readonly Choice[]): Promise<string>;
}

export function inquirerPrompter(f: Factory): Prompter {
  const context = { input: f.io.stdin, output: f.io.stderr } as const;
  return {
    async input(message, opts) {
      const { input } = await import('@inquirer/prompts');
      return input({ message, default: opts?.default, validate: opts?.validate }, context);
    },
    async select(message, choices) {
      const { select } = await import('@inquirer/prompts');
      return select({ message, choices: choices.map((c) => ({ value: c.value, name: c.name })) }, context);
    },
  };
}
