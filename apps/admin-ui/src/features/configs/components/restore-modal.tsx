import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { ErrorState, LoadingRows } from '../../../components/query-states';
import type { Config } from '../../../lib/contract';
import { useConfigVersion, useRestoreConfigVersion } from '../api/configs';
import { ConfigDiff } from './config-diff';

const pretty = (value: unknown) => `${JSON.stringify(value, null, 2)}\n`;

/** The diff between an earlier version and the current one, and the button that restores it. */
export function RestoreModal({ workspaceId, config, version, canRestore, onClose }: {
  workspaceId: string;
  config: Config;
  version: number | null;
  canRestore: boolean;
  onClose: () => void;
}) {
  const old = useConfigVersion(workspaceId, config.id, version);
  const restore = useRestoreConfigVersion(workspaceId, config.id);
  return (
    <Modal opened={version !== null} onClose={onClose} title={`Version ${version} compared with the current version (${config.currentVersion})`} size="90rem">
      <Stack>
        {old.isPending ? (
          <LoadingRows rows={6} />
        ) : old.isError ? (
          <ErrorState error={old.error} title="Could not load that version" />
        ) : (
          <ConfigDiff before={pretty(config.config)} after={pretty(old.data.config)} beforeLabel={`Current (v${config.currentVersion})`} afterLabel={`Version ${version}`} />
        )}
        {canRestore ? (
          <>
            <Alert variant="light" color="blue">
              Restoring saves version {version}’s config as a new version ({config.currentVersion + 1}); history is kept. Apps using{' '}
              <span className="mono">{config.id}</span> switch within a second.
            </Alert>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                Cancel
              </Button>
              <Button loading={restore.isPending} disabled={!old.data} onClick={() => version && restore.mutate(version, { onSuccess: onClose })}>
                Restore version {version}
              </Button>
            </Group>
          </>
        ) : null}
      </Stack>
    </Modal>
  );
}
