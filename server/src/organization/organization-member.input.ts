import { Field, ID, InputType } from 'type-graphql';
import { OrganizationRole } from './organization-role.enum';

@InputType({ description: 'Adds an account to an organisation (its ORG_ADMINs only).' })
export class AddOrganizationMemberInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => ID, { nullable: true, description: 'The account to add; or give `login`.' })
  userId?: string | null;

  @Field(() => String, {
    nullable: true,
    description: "The account's username, e-mail or phone, exactly; or give `userId`.",
  })
  login?: string | null;

  @Field(() => OrganizationRole, { defaultValue: OrganizationRole.MEMBER })
  role: OrganizationRole = OrganizationRole.MEMBER;
}

@InputType({
  description: "Changes a member's role; an organisation keeps at least one ORG_ADMIN.",
})
export class ChangeOrganizationMemberRoleInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => ID)
  userId!: string;

  @Field(() => OrganizationRole)
  role!: OrganizationRole;
}

@InputType({
  description:
    'Removes a member (ORG_ADMINs, or the member themself); the last ORG_ADMIN cannot leave.',
})
export class RemoveOrganizationMemberInput {
  @Field(() => ID)
  organizationId!: string;

  @Field(() => ID)
  userId!: string;
}
