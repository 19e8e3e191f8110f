import { Field, ID, InputType } from 'type-graphql';
import { ApplicationAttachmentInput } from './application-attachment.input';
import { ApplicationFormInput } from './application-form.input';
import { ApplicationType } from './application-type.enum';

@InputType({
  description:
    'An application for e-seal business, checked now as the direct mutation would be, so that approving it cannot fail on its input.',
})
export class SubmitApplicationInput {
  @Field(() => ApplicationType, { description: 'What you apply for; decides the form.' })
  type!: ApplicationType;

  @Field(() => ID, {
    nullable: true,
    description:
      "NEW_SEAL of a company seal: the organisation to hold it, of which you are ORG_ADMIN or SEAL_KEEPER (absent for personal seals). Other types: the seal's organisation, which may be left out.",
  })
  organizationId?: string | null;

  @Field(() => ID, {
    nullable: true,
    description:
      'RENEW_SEAL, CHANGE_SEAL, CANCEL_SEAL: the seal, which you may manage (delete, for CANCEL_SEAL). Absent for NEW_SEAL.',
  })
  sealId?: string | null;

  @Field(() => ApplicationFormInput, { description: 'What is asked, in the field matching type.' })
  form!: ApplicationFormInput;

  @Field(() => [ApplicationAttachmentInput], {
    nullable: true,
    description: 'Supporting files (licence, ID card, letter of authorisation), at most 5.',
  })
  attachments?: ApplicationAttachmentInput[] | null;
}
