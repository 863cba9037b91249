import { BadRequestException, Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { optimizePrompt, type PromptHistoryEntry, type PromptOptimization } from '#feedback';
import { RequestBody } from '#http';
import { attributeSpecOf } from './feedback-submission';
import { ML_REQUESTS, REWARD_SERVICE, STYLE_HINTS } from './feedback.tokens';
import type { MlRequests } from './ml-requests';
import type { RewardService } from './reward-service';
import type { StyleHints } from './style-hints';

/** Seed 004 stage 5: prompt variations from the template system, scored by the user's reward model. */
@Controller('api/ml/prompt')
export class PromptController {
  constructor(
    @Inject(REWARD_SERVICE) private readonly reward: RewardService,
    @Inject(STYLE_HINTS) private readonly styleHints: StyleHints,
    @Inject(ML_REQUESTS) private readonly requests: MlRequests,
  ) {}

  @Post('optimize')
  @HttpCode(200)
  async optimize(@Body() body: unknown): Promise<PromptOptimization & { user_id: string | null; model_version: string | null; request_id: string }> {
    const fields = new RequestBody(body);
    const raw = body as Record<string, unknown>;
    const userId = raw['user_id'] === undefined || raw['user_id'] === null ? null : fields.string('user_id');
    const spec = attributeSpecOf(raw['vlt_spec'] ?? raw['spec'] ?? {}, raw['vlt_spec'] !== undefined ? 'vlt_spec' : 'spec');
    const request = {
      basePrompt: fields.string('base_prompt'),
      spec,
      ...((await this.styleHints.hintFor(userId, raw['style_profile'], spec)) ?? {}),
      history: historyOf(raw['feedback_history']),
    };
    const result = await optimizePrompt(request, (prompts, s) => this.reward.scoreAll(userId, prompts, s));
    const requestId = await this.requests.record('prompt/optimize', userId, this.reward.version, {
      base_prompt: request.basePrompt,
      prompt: result.prompt,
      confidence: result.confidence,
      predicted_improvement: result.predicted_improvement,
      candidates: result.candidates_considered,
    });
    return { ...result, user_id: userId, model_version: this.reward.version, request_id: requestId };
  }
}

/** Seed 004's feedback_history: `{prompt, liked}` or a feedback record (`prompt`/`prompt_used`, `feedback_type`). */
function historyOf(raw: unknown): PromptHistoryEntry[] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw new BadRequestException('"feedback_history" must be an array of {prompt, liked} or {prompt_used, feedback_type}');
  return raw.map((entry: unknown, i) => {
    const e = (entry ?? {}) as Record<string, unknown>;
    const prompt = e['prompt'] ?? e['prompt_used'];
    if (typeof prompt !== 'string' || prompt.trim() === '') throw new BadRequestException(`"feedback_history[${i}].prompt" must be a non-empty string`);
    if (typeof e['liked'] === 'boolean') return { prompt, liked: e['liked'] };
    if (e['feedback_type'] === 'like' || e['feedback_type'] === 'outlier') return { prompt, liked: true };
    if (e['feedback_type'] === 'dislike') return { prompt, liked: false };
    throw new BadRequestException(`"feedback_history[${i}]" needs "liked" (true/false) or "feedback_type" (like, outlier, dislike)`);
  });
}
