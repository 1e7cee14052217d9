import { describe, expect, it } from 'vitest';
import { cameraOn, midScan, pendingUploads } from './activity.js';
import { showUpdatePrompt, updateWaiting } from './update.js';

describe('update prompt', () => {
  it('shows a waiting update only while nothing is pending, no scan is open and the camera is off', () => {
    updateWaiting.value = true;
    // The outbox not counted yet: it may hold records.
    expect(showUpdatePrompt.value).toBe(false);
    pendingUploads.value = 0;
    expect(showUpdatePrompt.value).toBe(true);
    pendingUploads.value = 3;
    expect(showUpdatePrompt.value).toBe(false);
    pendingUploads.value = 0;
    midScan.value = true;
    expect(showUpdatePrompt.value).toBe(false);
    midScan.value = false;
    cameraOn.value = true;
    expect(showUpdatePrompt.value).toBe(false);
    cameraOn.value = false;
    expect(showUpdatePrompt.value).toBe(true);
    updateWaiting.value = false;
    expect(showUpdatePrompt.value).toBe(false);
  });
});
