import { Type } from 'class-transformer';
import { IsArray, IsInt, IsNumber, IsOptional, Matches, Max, Min, ValidateNested } from 'class-validator';

/** The shape of `config/alerts.yaml`, keys as written in the file (documented in config/README.md). */
export class ThresholdDto {
  @IsNumber()
  fire: number;

  /** Absent: the same as fire (no hysteresis band, forSeconds alone against flapping). */
  @IsOptional()
  @IsNumber()
  clear?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(86_400, { message: 'must be at most 86400 (a day): the value is in seconds' })
  forSeconds?: number;
}

export class QueueAlertRuleDto {
  @Matches(/^[A-Za-z0-9._*-]+$/, { message: 'must be a queue name, * for any characters (platform.*)' })
  match: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ThresholdDto)
  depth?: ThresholdDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => ThresholdDto)
  oldestSeconds?: ThresholdDto;
}

export class PeerUnreachableDto {
  @IsInt()
  @Min(0)
  @Max(86_400, { message: 'must be at most 86400 (a day): the value is in seconds' })
  forSeconds: number;
}

export class RejectionRateDto extends ThresholdDto {
  @IsInt()
  @Min(1)
  @Max(1440, { message: 'must be at most 1440 (a day): the value is in minutes' })
  windowMinutes: number;
}

export class AlertRulesFileDto {
  @IsInt()
  @Min(1)
  @Max(3600, { message: 'must be at most 3600 (an hour): the value is in seconds' })
  evaluateEverySeconds: number;

  @IsArray()
  @ValidateNested({ each: true })
  @Type(() => QueueAlertRuleDto)
  queues: QueueAlertRuleDto[];

  @IsOptional()
  @ValidateNested()
  @Type(() => ThresholdDto)
  certificateExpiryDays?: ThresholdDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => PeerUnreachableDto)
  peerUnreachable?: PeerUnreachableDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => ThresholdDto)
  holdExpiringMinutes?: ThresholdDto;

  @IsOptional()
  @ValidateNested()
  @Type(() => RejectionRateDto)
  rejectionsPerMinute?: RejectionRateDto;
}
