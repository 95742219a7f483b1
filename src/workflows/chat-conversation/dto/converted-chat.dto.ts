import { ApiProperty } from '@nestjs/swagger';
import { ClarificationQuestionDto } from '@/projects/dto/project-responses.dto';

export class ConvertedChatDto {
  @ApiProperty({ example: '64f5a1b2c3d4e5f6789012ab' })
  project_id!: string;

  @ApiProperty({ example: 'Chat converted to project successfully' })
  message!: string;

  @ApiProperty({ example: '3f0e4c3a-4f55-4b7e-9a53-0c8d0f5b1e2a', description: 'uuid4' })
  session_id!: string;

  @ApiProperty({ type: [ClarificationQuestionDto], description: '5 to 10 questions' })
  clarification_questions!: ClarificationQuestionDto[];

  @ApiProperty({ example: '64f5a1b2c3d4e5f6789012cd' })
  source_chat_id!: string;
}
