import { SavedVersionDto, VersionDto } from './version.dto';
import { SavedVersion, VersionWithUrls } from './versions.service';

export function versionEntry({ version, prdUrl, flowchartUrl }: VersionWithUrls): VersionDto {
  return {
    version: version.version,
    timestamp: version.timestamp.toISOString(),
    changes: version.changes,
    prd_url: prdUrl,
    flowchart_url: flowchartUrl,
    author: { kind: version.author.kind, id: version.author.id },
  };
}

export function savedVersion(saved: SavedVersion): SavedVersionDto {
  return {
    version: saved.version,
    timestamp: saved.timestamp.toISOString(),
    changes: saved.changes,
    author: { kind: saved.author.kind, id: saved.author.id },
    current_version: saved.currentVersion,
  };
}
