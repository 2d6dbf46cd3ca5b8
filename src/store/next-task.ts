/** Resolves in a new task without the clamping or throttling of timers (a hidden tab's too). */
export const nextTask = (): Promise<void> =>
  new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });

interface TaskScheduler {
  postTask(callback: () => void, options: { priority: 'background' }): Promise<void>;
}

/**
 * Resolves in a task that waits for the page's other work (Chrome's scheduler.postTask at
 * background priority; a plain next task elsewhere): a large document going to the lint worker
 * must not slow the first render that the page is preparing at the same time.
 */
export const idleTask = (): Promise<void> => {
  const scheduler = (globalThis as { scheduler?: Partial<TaskScheduler> }).scheduler;
  return scheduler?.postTask
    ? scheduler.postTask(() => {}, { priority: 'background' })
    : nextTask();
};
