import { INestApplication } from '@nestjs/common';
import { DocumentBuilder, OpenAPIObject, SwaggerModule } from '@nestjs/swagger';
import { commonResponses } from './openapi/common-responses';
import { documentInfo, PRODUCT_NAME } from './openapi/document-info';
import { serveReadme } from './openapi/readme-page';
import { strictRequestBodies } from './openapi/strict-bodies';
import { documentedDtoClasses, documentValidationRules } from './openapi/validation-schema';

/**
 * The OpenAPI document: what the decorators say, plus every rule the server enforces (read from
 * the validators and the HTTP stack), so a client generated from it never sends a request that
 * looks valid and is refused.
 */
export function buildOpenApiDocument(app: INestApplication): OpenAPIObject {
  documentValidationRules();
  const config = new DocumentBuilder()
    .setTitle(`${PRODUCT_NAME} API`)
    .setVersion('1.0')
    .addBearerAuth({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' })
    .build();
  const document = SwaggerModule.createDocument(app, config);
  strictRequestBodies(document, documentedDtoClasses());
  commonResponses(document);
  documentInfo(document);
  return document;
}

/** Swagger UI's path; its static assets are served under it. */
export const SWAGGER_PATH = 'docs';

export function setupSwagger(app: INestApplication): void {
  SwaggerModule.setup(SWAGGER_PATH, app, () => buildOpenApiDocument(app), {
    jsonDocumentUrl: 'docs-json',
    customSiteTitle: `${PRODUCT_NAME} API`,
    swaggerOptions: {
      // The token survives a reload, so "Authorize" is done once per browser.
      persistAuthorization: true,
      displayRequestDuration: true,
      // No third-party validator badge: the page loads nothing from elsewhere.
      validatorUrl: null,
    },
  });
  serveReadme(app);
}
