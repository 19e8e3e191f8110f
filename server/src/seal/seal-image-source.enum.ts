import { registerEnumType } from 'type-graphql';

/** Where a seal's image comes from. */
export enum SealImageSource {
  DRAWN = 'DRAWN',
  UPLOADED = 'UPLOADED',
}

registerEnumType(SealImageSource, {
  name: 'SealImageSource',
  description: 'Where the seal image comes from.',
  valuesConfig: {
    DRAWN: { description: 'Drawn by the server from the seal text, after national conventions.' },
    UPLOADED: { description: 'Uploaded by the owner (a scan or a handwritten signature).' },
  },
});
