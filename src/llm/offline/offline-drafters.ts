import { Injectable } from '@nestjs/common';
import { genericDrafter } from './generic.drafter';
import type { OfflineDrafter } from './offline-drafter';
import { SUMMARY_PURPOSE, summaryDrafter } from './summary.drafter';

/**
 * Which offline drafter answers which purpose. Feature modules register artefact-specific
 * drafters (clarifying questions, PRD sections, flowcharts) at start-up; anything unregistered
 * gets the generic drafter. "clarify.questions" falls back to "clarify" before the generic one.
 */
@Injectable()
export class OfflineDrafters {
  private readonly byPurpose = new Map<string, OfflineDrafter>([[SUMMARY_PURPOSE, summaryDrafter]]);

  register(purpose: string, drafter: OfflineDrafter): void {
    if (this.byPurpose.has(purpose)) {
      throw new Error(`An offline drafter for "${purpose}" is already registered`);
    }
    this.byPurpose.set(purpose, drafter);
  }

  for(purpose: string): OfflineDrafter {
    const segments = purpose.split('.');
    for (let length = segments.length; length > 0; length--) {
      const drafter = this.byPurpose.get(segments.slice(0, length).join('.'));
      if (drafter) return drafter;
    }
    return genericDrafter;
  }
}
